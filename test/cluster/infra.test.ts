import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { RedisClient } from "bun";
import { startSqld } from "../../scripts/cluster-services.ts";
import { B3_MIGRATIONS } from "../../src/b3/migrations.ts";
import { CLUSTER_MIGRATIONS } from "../../src/cluster/engine-term.ts";
import type { Tick } from "../../src/engine/tick.ts";
import { PORTFOLIO_MIGRATIONS } from "../../src/portfolio/migrations.ts";
import { openDatabase } from "../../src/store/database.ts";
import { TICK_MIGRATIONS } from "../../src/store/tick-migrations.ts";
import { useCluster, waitFor } from "../support/cluster.ts";

// What the harness gives, without any cluster logic: the nodes here run without BROKER_URL.
const cluster = useCluster({ env: { SYMBOLS: "AAPL,MSFT", TICK_MS: "50" } });
const MIGRATIONS = [...TICK_MIGRATIONS, ...PORTFOLIO_MIGRATIONS, ...B3_MIGRATIONS, ...CLUSTER_MIGRATIONS];

const historyOf = async (url: string): Promise<Tick[]> => {
  const response = await fetch(`${url}api/prices/AAPL/history?limit=1000`);
  return ((await response.json()) as { ticks: Tick[] }).ticks;
};

describe("the services", () => {
  test("sqld answers over HTTP and WebSocket, and keeps its data across a restart", async () => {
    const http = createClient({ url: cluster.sqld.url });
    await http.execute("CREATE TABLE kept (value TEXT)");
    await http.execute("INSERT INTO kept VALUES ('before the restart')");
    http.close();
    await cluster.sqld.stop();
    await cluster.sqld.start();
    const ws = createClient({ url: cluster.sqld.url.replace("http:", "ws:") });
    expect((await ws.execute("SELECT value FROM kept")).rows.map((row) => row.value)).toEqual(["before the restart"]);
    ws.close();
  });

  test("Redis answers PING, and again after a restart", async () => {
    const ping = async () => {
      const client = new RedisClient(cluster.redis.url);
      try {
        return await client.ping();
      } finally {
        client.close();
      }
    };
    expect(await ping()).toBe("PONG");
    await cluster.redis.stop();
    expect(cluster.redis.process.running).toBe(false);
    await cluster.redis.start();
    expect(await ping()).toBe("PONG");
  });

  test("nodes migrating one fresh sqld at once all get the whole schema", async () => {
    const sqld = await startSqld({ dir: join(cluster.dir, "fresh-sqld") });
    try {
      const dbs = await Promise.all([1, 2, 3].map(() => openDatabase(sqld.url, MIGRATIONS)));
      const applied = await dbs[0]!.execute("SELECT version FROM schema_migrations ORDER BY version");
      expect(applied.rows.map((row) => Number(row.version))).toEqual(
        MIGRATIONS.map((m) => m.version).sort((a, b) => a - b),
      );
      for (const db of dbs) db.close();
    } finally {
      await sqld.stop();
    }
  });
});

describe("a node on sqld", () => {
  test("is ready and writes its ticks to sqld: another node reads them after a kill -9", async () => {
    const first = await cluster.startNode("node-a", { broker: false });
    await waitFor("node-a's /health/ready to answer 200", async () => (await fetch(`${first.url}health/ready`)).ok);
    const written = await waitFor("node-a to publish 5 AAPL ticks", async () => {
      const ticks = await historyOf(first.url);
      return ticks.length >= 5 && ticks;
    });
    await cluster.killNode("node-a");

    const second = await cluster.startNode("node-b", { broker: false, env: { ENGINE: "off" } });
    const read = new Map((await historyOf(second.url)).map((tick) => [tick.id, tick]));
    expect(written.map((tick) => read.get(tick.id))).toEqual(written);
  }, 60_000);
});
