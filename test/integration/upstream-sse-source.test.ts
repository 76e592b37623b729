import { afterAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import type { Tick } from "../../src/engine/tick.ts";
import { spawnServer } from "../support/server-process.ts";
import { eventually } from "../support/sse-reader.ts";
import { startConfiguredRuntime, tempDir } from "../support/test-runtime.ts";

const upstreamDir = tempDir();
afterAll(upstreamDir.remove);

function freePort(): number {
  const probe = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response() });
  const port = probe.port!;
  void probe.stop(true);
  return port;
}

async function upstreamTicks(databaseUrl: string): Promise<Map<number, Pick<Tick, "symbol" | "seq" | "price">>> {
  const db = createClient({ url: databaseUrl });
  const rows = (await db.execute("SELECT id, symbol, seq, price FROM ticks")).rows;
  db.close();
  return new Map(
    rows.map((r) => [Number(r.id), { symbol: String(r.symbol), seq: Number(r.seq), price: Number(r.price) }]),
  );
}

describe("upstream SSE source (an edge node relaying another Tickertape)", () => {
  test("the upstream is stopped and restarted mid-stream: ids continue with no gap and no duplicate", async () => {
    const port = freePort();
    const upstreamDb = `file:${join(upstreamDir.dir, "upstream.db")}`;
    const upstreamEnv = { DATABASE_URL: upstreamDb, PORT: String(port), TICK_MS: "20", SYMBOLS: "AAPL,MSFT,TSLA" };
    let upstream = await spawnServer(upstreamEnv);
    const edge = await startConfiguredRuntime({
      PRICE_SOURCE: "sse",
      UPSTREAM_URL: `http://127.0.0.1:${port}/api/stream`,
      SYMBOLS: "AAPL,MSFT,TSLA",
      PRICE_API_TIMEOUT_MS: "500",
      BREAKER_HALF_OPEN_MS: "200",
    });

    await eventually(() => edge.engine.lastId > 60);
    expect(await upstream.terminate()).toBe(0);
    await eventually(() => edge.engine.feed.health.consecutiveFailures > 0);
    const idAtCut = edge.engine.lastId;

    upstream = await spawnServer(upstreamEnv);
    await eventually(() => edge.engine.lastId > idAtCut + 60);
    expect(await upstream.terminate()).toBe(0);
    await edge.writer.flush();

    const relayed = (await Promise.all(["AAPL", "MSFT", "TSLA"].map((s) => edge.store.history(s, 100_000))))
      .flat()
      .sort((a, b) => a.id - b.id);
    const ids = relayed.map((t) => t.id);
    expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => ids[0]! + i));
    expect(ids.at(-1)).toBeGreaterThan(idAtCut + 60);
    const source = await upstreamTicks(upstreamDb);
    for (const tick of relayed)
      expect({ symbol: tick.symbol, seq: tick.seq, price: tick.price }).toEqual(source.get(tick.id)!);
    expect(edge.engine.feed.health.source).toBe("sse");
    await edge.stop();
  }, 30_000);
});

describe("upstream connection", () => {
  test("PRICE_API_TIMEOUT_MS bounds the connect only: a quiet stream stays open", async () => {
    const upstream = await startConfiguredRuntime({ SYMBOLS: "AAPL", TICK_MS: "3600000" });
    let connections = 0;
    const server = Bun.serve({
      port: 0,
      hostname: "127.0.0.1",
      fetch: (request, srv) => {
        if (new URL(request.url).pathname === "/api/stream") connections++;
        return upstream.app.fetch(request, srv);
      },
    });
    const edge = await startConfiguredRuntime({
      PRICE_SOURCE: "sse",
      UPSTREAM_URL: `http://127.0.0.1:${server.port}/api/stream`,
      SYMBOLS: "AAPL",
      PRICE_API_TIMEOUT_MS: "100",
    });
    await eventually(() => connections === 1);
    await Bun.sleep(1000);
    expect(connections).toBe(1);
    expect(edge.engine.feed.health).toMatchObject({ consecutiveFailures: 0, interruptedSince: null });
    await edge.stop();
    await upstream.stop();
    await server.stop(true);
  });
});
