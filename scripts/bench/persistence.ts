/** Section 1 (`persistence`): persisting ticks to a fresh libSQL file — TickWriter batches vs one INSERT per tick. */
import { join } from "node:path";
import type { Client } from "@libsql/client";
import type { Tick } from "../../src/engine/tick.ts";
import { openDatabase } from "../../src/store/database.ts";
import { TICK_MIGRATIONS } from "../../src/store/tick-migrations.ts";
import { TickStore } from "../../src/store/tick-store.ts";
import { summaryStatements } from "../../src/store/tick-summaries.ts";
import { TickWriter, type TickWriterOptions } from "../../src/store/tick-writer.ts";
import { printTable, times, whole } from "./report.ts";
import { secondsSince, silentLog, syntheticTicks } from "./support.ts";
import { withTempDir } from "./temp-dir.ts";

const WRITER_TICKS = 200_000;
const BASELINE_TICKS = 20_000;
const BATCH_SIZE = 500;

interface WriteResult {
  rows: number;
  seconds: number;
  /** Rows in the table afterwards: a check that every tick landed. */
  stored: number;
}

/** Open a fresh database in `dir`, time `write` on it, then count what was stored. */
async function timeWrites(dir: string, write: (db: Client) => Promise<number>): Promise<WriteResult> {
  const db = await openDatabase(`file:${join(dir, "bench.db")}`, TICK_MIGRATIONS);
  try {
    const start = performance.now();
    const rows = await write(db);
    const seconds = secondsSince(start);
    return { rows, seconds, stored: await new TickStore(db).count() };
  } finally {
    db.close();
  }
}

/** Every tick through `TickWriter.add` (it commits each `BATCH_SIZE`), then `close()`; `alsoWrite` as at run time. */
const writeThroughTickWriter = (ticks: Tick[], alsoWrite?: TickWriterOptions["alsoWrite"]) => (dir: string) =>
  timeWrites(dir, async (db) => {
    const writer = new TickWriter(
      db,
      { batchSize: BATCH_SIZE, maxBacklog: ticks.length, onCommitted: () => {}, alsoWrite },
      silentLog,
    );
    for (const tick of ticks) writer.add(tick);
    await writer.close();
    return writer.written;
  });

/** Baseline: one autocommitted single-row INSERT per tick, awaited in turn. */
const writeRowByRow = (ticks: Tick[]) => (dir: string) =>
  timeWrites(dir, async (db) => {
    for (const t of ticks) {
      await db.execute({
        sql: "INSERT INTO ticks (id, symbol, seq, price, prev_price, change, change_percent, ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        args: [t.id, t.symbol, t.seq, t.price, t.prevPrice, t.change, t.changePercent, t.ts],
      });
    }
    return ticks.length;
  });

export async function benchPersistence(): Promise<void> {
  const ticks = syntheticTicks(WRITER_TICKS);
  const baseline = await withTempDir(writeRowByRow(ticks.slice(0, BASELINE_TICKS)));
  const writer = await withTempDir(writeThroughTickWriter(ticks));
  const withSummaries = await withTempDir(writeThroughTickWriter(ticks, summaryStatements));
  const rate = (r: WriteResult) => r.rows / r.seconds;
  const row = (name: string, r: WriteResult) => [
    name,
    whole(r.rows),
    whole(r.stored),
    `${r.seconds.toFixed(2)} s`,
    whole(rate(r)),
    times(rate(r), rate(baseline)),
  ];
  printTable(
    "1. Tick persistence — fresh libSQL file (WAL, synchronous=NORMAL)",
    ["method", "rows", "stored", "time", "rows/s", "vs baseline"],
    [
      row("single-row INSERT per tick (baseline)", baseline),
      row(`TickWriter, batchSize ${BATCH_SIZE}`, writer),
      row("TickWriter + candles and statistics", withSummaries),
    ],
  );
  console.log(
    `  candles and statistics on: ${times(rate(withSummaries), rate(writer))} the writer's ticks/s without them (target ≥ 0.8×)`,
  );
}
