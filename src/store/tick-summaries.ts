import type { InStatement } from "@libsql/client";
import { candlesOf } from "../engine/candles.ts";
import { statsOf } from "../engine/symbol-stats.ts";
import type { Tick } from "../engine/tick.ts";
import { valuesPlaceholders } from "./values-placeholders.ts";

/** Rows per statement, as for ticks. */
const ROWS_PER_STATEMENT = 150;

const chunks = <T>(items: readonly T[]): T[][] =>
  Array.from({ length: Math.ceil(items.length / ROWS_PER_STATEMENT) }, (_, i) =>
    items.slice(i * ROWS_PER_STATEMENT, (i + 1) * ROWS_PER_STATEMENT),
  );

/** Merge partial candles into the stored ones: the first open stays, the latest close wins. */
const CANDLE_UPSERT = `ON CONFLICT (symbol, interval, start) DO UPDATE SET
  high = MAX(high, excluded.high), low = MIN(low, excluded.low), close = excluded.close, ticks = ticks + excluded.ticks`;

/** Merge a batch's statistics into the stored ones: the first tick stays, extremes widen (earliest wins a tie). */
const STATS_UPSERT = `ON CONFLICT (symbol) DO UPDATE SET
  last_id = excluded.last_id, last_ts = excluded.last_ts, last_price = excluded.last_price,
  ticks = ticks + excluded.ticks,
  low_ts = CASE WHEN excluded.low < low THEN excluded.low_ts ELSE low_ts END,
  low = MIN(low, excluded.low),
  high_ts = CASE WHEN excluded.high > high THEN excluded.high_ts ELSE high_ts END,
  high = MAX(high, excluded.high)`;

/**
 * The statements that bring the candles and the per-symbol statistics up to date with a batch of
 * ticks: run in the same transaction as the ticks' own INSERT, so they never disagree.
 * @example await db.batch([...insertTicks(batch), ...summaryStatements(batch)], "write");
 */
export function summaryStatements(ticks: readonly Tick[]): InStatement[] {
  const candles = chunks(candlesOf(ticks)).map((part) => ({
    sql: `INSERT INTO candles (symbol, interval, start, open, high, low, close, ticks)
          VALUES ${valuesPlaceholders(part.length, 8)} ${CANDLE_UPSERT}`,
    args: part.flatMap((c) => [c.symbol, c.interval, c.start, c.open, c.high, c.low, c.close, c.ticks]),
  }));
  const stats = chunks(statsOf(ticks)).map((part) => ({
    sql: `INSERT INTO symbol_stats VALUES ${valuesPlaceholders(part.length, 12)} ${STATS_UPSERT}`,
    args: part.flatMap((s) => [
      s.symbol,
      s.first.id,
      s.first.ts,
      s.first.price,
      s.last.id,
      s.last.ts,
      s.last.price,
      s.ticks,
      s.low.price,
      s.low.ts,
      s.high.price,
      s.high.ts,
    ]),
  }));
  return [...candles, ...stats];
}
