import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type Client, createClient } from "@libsql/client";
import type { Tick } from "../../src/engine/tick.ts";
import { useCluster, waitFor } from "../support/cluster.ts";
import { collectEvents, type SseCollector } from "../support/sse-collector.ts";

const TOKEN = "cluster-events-token-1234";
const LEASE_MS = 1000;
const cluster = useCluster({
  nodes: ["node-a", "node-b"],
  env: { SYMBOLS: "AAPL,MSFT", TICK_MS: "50", ENGINE_LEASE_MS: String(LEASE_MS), EVENTS_TOKEN: TOKEN },
});

let db: Client;
beforeAll(() => {
  db = createClient({ url: cluster.sqld.url });
});
afterAll(() => db.close());

const json = async <T>(url: string): Promise<T> => (await fetch(url)).json() as Promise<T>;
const feedOf = (node: string) =>
  json<{ status: string; node: string; engineNode: string | null; lastError: string | null }>(
    `${cluster.node(node).url}api/feed`,
  );
const ticksOf = (stream: SseCollector): Tick[] => stream.events.map((event) => JSON.parse(event.data) as Tick);
/** The engine's node, once node-a names one (a node just started has not heard yet). */
const engineNode = () =>
  waitFor("node-a to name the engine", async () => (await feedOf("node-a")).engineNode ?? undefined);
const otherThan = (name: string) => (name === "node-a" ? "node-b" : "node-a");

/** The stored ticks with these ids, by id. */
async function stored(ids: number[]): Promise<Map<number, Tick>> {
  const rows = await db.execute(`SELECT * FROM ticks WHERE id IN (${ids.join(",")})`);
  return new Map(
    rows.rows.map((r) => [
      Number(r.id),
      {
        id: Number(r.id),
        symbol: String(r.symbol),
        seq: Number(r.seq),
        price: Number(r.price),
        prevPrice: Number(r.prev_price),
        change: Number(r.change),
        changePercent: Number(r.change_percent),
        ts: Number(r.ts),
      },
    ]),
  );
}

/** Every tick a client saw is stored as it saw it; ids rise by one, no gap and none twice; seqs too. */
async function expectWhole(ticks: Tick[]): Promise<void> {
  const ids = ticks.map((t) => t.id);
  expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => (ids[0] ?? 0) + i));
  const kept = await stored(ids);
  for (const tick of ticks) expect(kept.get(tick.id)).toEqual(tick);
  for (const symbol of ["AAPL", "MSFT"]) {
    const seqs = ticks.filter((t) => t.symbol === symbol).map((t) => t.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => (seqs[0] ?? 0) + i));
  }
}

describe("two nodes on sqld and Redis", () => {
  test("one engine: both nodes name it, and both are ready", async () => {
    const engine = await engineNode();
    await waitFor("node-b to name it", async () => (await feedOf("node-b")).engineNode === engine);
    for (const node of ["node-a", "node-b"]) {
      const ready = await fetch(`${cluster.node(node).url}health/ready`);
      expect(ready.status).toBe(200);
      const body = (await ready.json()) as { cluster: { role: string; engineNode: string } };
      expect(body.cluster.role).toBe(node === engine ? "engine" : "follower");
      expect(body.cluster.engineNode).toBe(engine);
    }
  });

  test("the engine's ticks reach a client of the other node, each as it was committed", async () => {
    const follower = otherThan(await engineNode());
    const stream = await collectEvents(`${cluster.node(follower).url}api/stream`);
    await waitFor("20 ticks on the follower's stream", () => stream.events.length >= 20);
    stream.close();
    await expectWhole(ticksOf(stream));
  });

  test("a portfolio event posted to one node shows on the other node's page", async () => {
    const post = await fetch(`${cluster.node("node-a").url}api/events`, {
      method: "POST",
      headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
      body: JSON.stringify({
        type: "portfolio.opted_in",
        slug: "across-nodes",
        base_currency: "USD",
        holdings: [{ symbol: "AAPL", quantity: 7, avg_price: 120 }],
      }),
    });
    expect(post.status).toBe(202);
    const page = await waitFor("the portfolio on node-b's page", async () => {
      const res = await fetch(`${cluster.node("node-b").url}p/across-nodes`);
      return res.status === 200 ? res.text() : undefined;
    });
    expect(page).toContain("AAPL");
  });

  test("a price event posted to the follower is numbered by the engine and reaches both nodes", async () => {
    const follower = otherThan(await engineNode());
    const stream = await collectEvents(`${cluster.node("node-a").url}api/stream?symbols=MSFT`);
    const post = await fetch(`${cluster.node(follower).url}api/events`, {
      method: "POST",
      headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
      body: JSON.stringify({ type: "stock.price_updated", symbol: "MSFT", price: 4321.5 }),
    });
    expect(post.status).toBe(202);
    await waitFor("the posted price on node-a's stream", () => ticksOf(stream).some((t) => t.price === 4321.5));
    stream.close();
  });
});

describe("failover", () => {
  test("kill -9 the engine's node: the other takes over and its client sees no gap, no duplicate", async () => {
    const engine = await engineNode();
    const survivor = otherThan(engine);
    const stream = await collectEvents(`${cluster.node(survivor).url}api/stream`);
    await waitFor("ticks before the kill", () => stream.events.length >= 10);
    const lastBefore = ticksOf(stream).at(-1)?.id ?? 0;
    await cluster.killNode(engine);
    await waitFor(`${survivor} runs the engine`, async () => (await feedOf(survivor)).engineNode === survivor);
    await waitFor("ticks numbered by the new engine", () => (ticksOf(stream).at(-1)?.id ?? 0) > lastBefore + 20);
    stream.close();
    await expectWhole(ticksOf(stream));
    await cluster.startNode(engine);
  });

  test("a client moving to the other node with Last-Event-ID gets what it missed, from memory or the database", async () => {
    const first = await collectEvents(`${cluster.node("node-a").url}api/stream`);
    await waitFor("a few ticks on node-a", () => first.events.length >= 5);
    first.close();
    const lastSeen = ticksOf(first).at(-1)?.id ?? 0;
    await Bun.sleep(200);
    const moved = await collectEvents(`${cluster.node("node-b").url}api/stream`, { "Last-Event-ID": String(lastSeen) });
    await waitFor("ticks on node-b", () => moved.events.length >= 20);
    moved.close();
    const resumed = ticksOf(moved);
    expect(resumed[0]?.id).toBe(lastSeen + 1);
    await expectWhole([...ticksOf(first), ...resumed]);
  });
});

describe("faults", () => {
  test("Redis down: followers say so and keep serving; back, ticks flow again with nothing twice", async () => {
    const follower = otherThan(await engineNode());
    const stream = await collectEvents(`${cluster.node(follower).url}api/stream`);
    await waitFor("ticks", () => stream.events.length >= 5);
    await cluster.redis.stop();
    const feed = await waitFor("the follower's feed interrupted", async () => {
      const health = await feedOf(follower);
      return health.status === "interrupted" ? health : undefined;
    });
    expect(feed.lastError).toContain("broker");
    const ready = (await (await fetch(`${cluster.node(follower).url}health/ready`)).json()) as {
      cluster: { broker: { connected: boolean } };
    };
    expect(ready.cluster.broker.connected).toBe(false);
    expect((await fetch(`${cluster.node(follower).url}`)).status).toBe(200);
    const before = stream.events.length;
    await cluster.redis.start();
    await waitFor("the feed live again", async () => (await feedOf(follower)).status === "live");
    await waitFor("ticks again", () => stream.events.length > before + 20);
    stream.close();
    await expectWhole(ticksOf(stream));
  });

  test("the database down: nothing undurable is shown, pages render from memory, and it resumes by itself", async () => {
    const engine = await engineNode();
    const stream = await collectEvents(`${cluster.node(otherThan(engine)).url}api/stream`);
    await waitFor("ticks", () => stream.events.length >= 5);
    const pages = ["node-a", "node-b"].flatMap((node) =>
      ["", "s/AAPL"].map((path) => `${cluster.node(node).url}${path}`),
    );
    for (const page of pages) expect((await fetch(page)).status).toBe(200);
    await cluster.sqld.stop();
    await Bun.sleep(LEASE_MS);
    // What the pages show is in memory: they still render.
    for (const page of pages) expect((await fetch(page)).status).toBe(200);
    const during = stream.events.length;
    await cluster.sqld.start();
    await waitFor("ticks after the database is back", () => stream.events.length > during + 20);
    stream.close();
    await expectWhole(ticksOf(stream));
  });

  test("a node whose broker is not there starts anyway, and says so", async () => {
    const lonely = await cluster.startNode("node-c", { env: { BROKER_URL: "redis://127.0.0.1:1" } });
    const feed = await waitFor("node-c's feed interrupted", async () => {
      const health = await feedOf("node-c");
      return health.lastError?.includes("Connection") ? health : undefined;
    });
    expect(feed.status).toBe("interrupted");
    expect(feed.lastError).toContain("the message broker is unreachable");
    expect((await fetch(`${lonely.url}health/live`)).status).toBe(200);
    await cluster.stopNode("node-c");
  });
});
