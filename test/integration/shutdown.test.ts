import { afterAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { spawnServer } from "../support/server-process.ts";
import { eventually } from "../support/sse-reader.ts";
import { tempDir } from "../support/test-runtime.ts";

const temp = tempDir();
const databaseUrl = `file:${join(temp.dir, "tickertape.db")}`;
const env = { DATABASE_URL: databaseUrl, TICK_MS: "10", SYMBOLS: "AAPL,MSFT,TSLA" };
afterAll(temp.remove);

async function tickTable() {
  const db = createClient({ url: databaseUrl });
  const count = Number((await db.execute("SELECT COUNT(*) AS n FROM ticks")).rows[0]!.n);
  const maxId = Number((await db.execute("SELECT MAX(id) AS n FROM ticks")).rows[0]!.n);
  const seqs = await db.execute(
    "SELECT symbol, COUNT(*) AS n, MIN(seq) AS lo, MAX(seq) AS hi FROM ticks GROUP BY symbol",
  );
  db.close();
  return {
    count,
    maxId,
    perSymbol: seqs.rows.map((r) => ({ symbol: r.symbol, n: Number(r.n), lo: Number(r.lo), hi: Number(r.hi) })),
  };
}

const stoppedLog = (logs: Record<string, unknown>[]) =>
  logs.find((l) => l.message === "stopped") as { emitted: number; written: number };

describe("graceful shutdown", () => {
  test("on SIGTERM every emitted tick is in the database and open streams end; exit code 0", async () => {
    const server = await spawnServer(env);
    const stream = await fetch(`${server.url}api/stream`);
    const streamDone = new Response(stream.body).text();
    await eventually(
      async () =>
        ((await (await fetch(`${server.url}health/ready`)).json()) as { checks: { engine: { lastTickId: number } } })
          .checks.engine.lastTickId > 200,
    );

    expect(await server.terminate()).toBe(0);
    expect(await streamDone).toContain("event: tick");
    const { emitted, written } = stoppedLog(server.logs);
    const table = await tickTable();
    expect(emitted).toBeGreaterThan(200);
    expect(written).toBe(emitted);
    expect(table.count).toBe(emitted);
    expect(table.maxId).toBe(emitted);
  });

  test("after a restart ids and per-symbol seqs continue with no gap and no duplicate", async () => {
    const before = await tickTable();
    const server = await spawnServer(env);
    await eventually(
      async () =>
        ((await (await fetch(`${server.url}api/prices/AAPL`)).json()) as { seq: number }).seq >
        before.perSymbol[0]!.hi + 5,
    );
    expect(await server.terminate()).toBe(0);

    const after = await tickTable();
    expect(after.count).toBe(before.count + stoppedLog(server.logs).emitted);
    expect(after.maxId).toBe(after.count);
    for (const s of after.perSymbol) expect(s).toEqual({ symbol: s.symbol, n: s.hi, lo: 1, hi: s.hi });
  });

  test("a stream silent for longer than Bun's 10 s idle timeout is not cut", async () => {
    const server = await spawnServer({ ...env, TICK_MS: "12000", HEARTBEAT_MS: "60000", SYMBOLS: "AAPL" });
    const res = await fetch(`${server.url}api/stream`);
    const reader = res.body!.getReader();
    await reader.read();
    const next = await reader.read();
    expect(new TextDecoder().decode(next.value)).toContain("event: tick");
    await reader.cancel();
    expect(await server.terminate()).toBe(0);
  }, 40_000);
});

describe("a shutdown that cannot finish", () => {
  test("exits after SHUTDOWN_TIMEOUT_MS, saying how many ticks were left unwritten", async () => {
    const url = `file:${join(temp.dir, "stuck.db")}`;
    const server = await spawnServer({ ...env, DATABASE_URL: url, SHUTDOWN_TIMEOUT_MS: "300" });
    const db = createClient({ url });
    await db.execute("ALTER TABLE ticks RENAME TO ticks_away");
    await eventually(async () => (await fetch(`${server.url}health/ready`)).status === 503);
    expect(await server.terminate()).toBe(1);
    db.close();
    const line = server.logs.find((l) => l.message === "shutdown did not finish in time, exiting") as {
      pendingTicks: number;
    };
    expect(line.pendingTicks).toBeGreaterThan(0);
  });
});
