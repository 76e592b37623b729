import { afterAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { spawnServer } from "../support/server-process.ts";
import { eventually } from "../support/sse-reader.ts";
import { tempDir } from "../support/test-runtime.ts";

const temp = tempDir();
afterAll(temp.remove);

/** The 1 s and 1 m candles recomputed from the ticks table itself. */
const RECOMPUTED = (interval: string, ms: number) => `
  SELECT g.symbol, g.start, o.price AS open, g.high, g.low, c.price AS close, g.n AS ticks
  FROM (SELECT symbol, (ts / ${ms}) * ${ms} AS start, MIN(seq) AS first, MAX(seq) AS last,
               MAX(price) AS high, MIN(price) AS low, COUNT(*) AS n FROM ticks GROUP BY symbol, ts / ${ms}) g
  JOIN ticks o ON o.symbol = g.symbol AND o.seq = g.first
  JOIN ticks c ON c.symbol = g.symbol AND c.seq = g.last
  ORDER BY g.symbol, g.start -- ${interval}`;

describe("kill -9", () => {
  test("ticks, candles and statistics never disagree: they are committed together", async () => {
    const databaseUrl = `file:${join(temp.dir, "t.db")}`;
    const server = await spawnServer({ DATABASE_URL: databaseUrl, TICK_MS: "10", SYMBOLS: "AAPL,MSFT,TSLA" });
    await eventually(
      async () =>
        ((await (await fetch(`${server.url}health/ready`)).json()) as { checks: { engine: { lastTickId: number } } })
          .checks.engine.lastTickId > 600,
    );
    server.proc.kill("SIGKILL");
    await server.proc.exited;

    const db = createClient({ url: databaseUrl });
    for (const [interval, ms] of [
      ["1s", 1_000],
      ["1m", 60_000],
    ] as const) {
      const stored = await db.execute({
        sql: "SELECT symbol, start, open, high, low, close, ticks FROM candles WHERE interval = ? ORDER BY symbol, start",
        args: [interval],
      });
      const recomputed = await db.execute(RECOMPUTED(interval, ms));
      expect(stored.rows.length).toBeGreaterThan(0);
      expect(stored.rows.map((r) => ({ ...r }))).toEqual(recomputed.rows.map((r) => ({ ...r })));
    }
    const stats = await db.execute(
      `SELECT s.symbol, s.ticks, s.last_id, t.n, t.last FROM symbol_stats s
       JOIN (SELECT symbol, COUNT(*) AS n, MAX(id) AS last FROM ticks GROUP BY symbol) t ON t.symbol = s.symbol`,
    );
    expect(stats.rows).toHaveLength(3);
    for (const row of stats.rows) expect([row.ticks, row.last_id]).toEqual([row.n, row.last]);
    db.close();
  });
});
