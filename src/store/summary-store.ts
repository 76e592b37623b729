import type { Client, Row } from "@libsql/client";
import { CANDLE_INTERVALS, type Candle, type CandleInterval } from "../engine/candles.ts";
import type { SymbolStats } from "../engine/symbol-stats.ts";

export interface CandleQuery {
  symbol: string;
  interval: CandleInterval;
  /** Windows starting at or after this (ms). */
  from: number;
  /** Windows starting before this (ms). */
  to: number;
  /** The latest `limit` windows of the range. */
  limit: number;
}

const toCandle = (row: Row, interval: CandleInterval): Candle => ({
  symbol: String(row.symbol),
  interval,
  start: Number(row.start),
  end: Number(row.start) + CANDLE_INTERVALS[interval],
  open: Number(row.open),
  high: Number(row.high),
  low: Number(row.low),
  close: Number(row.close),
  ticks: Number(row.ticks),
});

/**
 * Read side of what the ticks sum up to: candles and per-symbol statistics, kept by the tick writer.
 * @example await summaries.candles({ symbol: "AAPL", interval: "1m", from: 0, to: Date.now(), limit: 100 });
 */
export class SummaryStore {
  constructor(private readonly db: Client) {}

  /** Oldest first: the latest `limit` candles of the range. */
  async candles(query: CandleQuery): Promise<Candle[]> {
    const result = await this.db.execute({
      sql: `SELECT * FROM candles WHERE symbol = ? AND interval = ? AND start >= ? AND start < ?
            ORDER BY start DESC LIMIT ?`,
      args: [query.symbol, query.interval, query.from, query.to, query.limit],
    });
    return result.rows.map((row) => toCandle(row, query.interval)).reverse();
  }

  async stats(symbol: string): Promise<SymbolStats | undefined> {
    const row = (await this.db.execute({ sql: "SELECT * FROM symbol_stats WHERE symbol = ?", args: [symbol] })).rows[0];
    if (!row) return undefined;
    return {
      symbol,
      first: { id: Number(row.first_id), ts: Number(row.first_ts), price: Number(row.first_price) },
      last: { id: Number(row.last_id), ts: Number(row.last_ts), price: Number(row.last_price) },
      ticks: Number(row.ticks),
      low: { price: Number(row.low), ts: Number(row.low_ts) },
      high: { price: Number(row.high), ts: Number(row.high_ts) },
    };
  }
}
