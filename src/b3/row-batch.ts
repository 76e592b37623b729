import type { InStatement, ResultSet } from "@libsql/client";
import type { ParsedLine, Quote, Trade, TradeKey } from "./rows.ts";

/** Rows per INSERT: multi-row statements are many times faster than single rows. */
export const ROWS_PER_STATEMENT = 150;

const QUOTE_COLUMNS =
  "date, ticker, market, term, bdi, issuer, share_type, currency, open, high, low, average, close, best_bid, best_ask, trades, quantity, volume, strike, strike_correction, expiry, factor, strike_points, isin, distribution, import_id";
const TRADE_COLUMNS =
  "trade_date, instrument, trade_id, price, quantity, close_time, session_type, reference_date, buyer, seller, channel, import_id";

const quoteArgs = (q: Quote, id: number) => [
  q.date,
  q.ticker,
  q.market,
  q.term,
  q.bdi,
  q.issuer,
  q.shareType,
  q.currency,
  q.open,
  q.high,
  q.low,
  q.average,
  q.close,
  q.bestBid,
  q.bestAsk,
  q.trades,
  q.quantity,
  q.volume,
  q.strike,
  q.strikeCorrection,
  q.expiry,
  q.factor,
  q.strikePoints,
  q.isin,
  q.distribution,
  id,
];
const tradeArgs = (t: Trade, id: number) => [
  t.tradeDate,
  t.instrument,
  t.tradeId,
  t.price,
  t.quantity,
  t.closeTime,
  t.sessionType,
  t.referenceDate,
  t.buyer,
  t.seller,
  t.channel,
  id,
];

const placeholders = (rows: number, columns: number): string =>
  Array(rows)
    .fill(`(${Array(columns).fill("?").join(", ")})`)
    .join(", ");
const sqlCache = new Map<string, string>();
const cachedSql = (key: string, build: () => string): string => {
  let sql = sqlCache.get(key);
  if (sql === undefined) sqlCache.set(key, (sql = build()));
  return sql;
};

const insertQuotes = (n: number) =>
  cachedSql(
    `q${n}`,
    () => `INSERT INTO quotes (${QUOTE_COLUMNS}) VALUES ${placeholders(n, 26)} ON CONFLICT DO NOTHING`,
  );
/** A trade cancelled earlier (by this file or another) is not inserted again. */
const insertTrades = (n: number) =>
  cachedSql(
    `t${n}`,
    () => `INSERT INTO trades (${TRADE_COLUMNS}) SELECT * FROM (VALUES ${placeholders(n, 12)}) AS v
       WHERE NOT EXISTS (SELECT 1 FROM trade_cancellations c WHERE c.trade_date = v.column1 AND c.instrument = v.column2 AND c.trade_id = v.column3)
       ON CONFLICT DO NOTHING`,
  );
const recordCancels = (n: number) =>
  cachedSql(
    `c${n}`,
    () =>
      `INSERT INTO trade_cancellations (trade_date, instrument, trade_id, import_id) VALUES ${placeholders(n, 4)} ON CONFLICT DO NOTHING`,
  );
const deleteCancelled = (n: number) =>
  cachedSql(
    `d${n}`,
    () => `DELETE FROM trades WHERE (trade_date, instrument, trade_id) IN (VALUES ${placeholders(n, 3)})`,
  );

/** Counts what each statement did; `changes()` is the row count of the statement just before. */
const countInserted = {
  sql: "UPDATE imports SET rows_inserted = rows_inserted + changes(), rows_duplicate = rows_duplicate + ? - changes() WHERE id = ?",
};
const countCancelled = { sql: "UPDATE imports SET rows_cancelled = rows_cancelled + changes() WHERE id = ?" };

type QuoteOp = { kind: "quote"; quote: Quote };
type Op = QuoteOp | { kind: "trade"; trade: Trade } | { kind: "cancel"; key: TradeKey };

const compareQuotes = (a: Quote, b: Quote): number =>
  a.date < b.date
    ? -1
    : a.date > b.date
      ? 1
      : a.ticker < b.ticker
        ? -1
        : a.ticker > b.ticker
          ? 1
          : a.market - b.market || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0);

/** What a written batch did. */
export interface BatchCounts {
  inserted: number;
  duplicate: number;
  cancelled: number;
}

/**
 * Rows waiting to be written, in file order. `statements()` turns them into multi-row statements
 * (consecutive rows of one kind together, so a cancellation follows the trade it cancels), each
 * followed by the update of the import's counters, so rows and counters commit together.
 */
export class RowBatch {
  #ops: Op[] = [];
  #plan: { at: number; kind: "insert" | "cancel"; rows: number }[] = [];

  constructor(private readonly importId: number) {}

  get size(): number {
    return this.#ops.length;
  }

  add(parsed: ParsedLine): void {
    this.#ops.push(parsed);
  }

  statements(): InStatement[] {
    // B3 lists a day's quotes in no useful order: in key order, each statement walks the indexes
    // left to right. (Trades keep file order: a cancellation must follow its trade.) The sort is
    // stable, so of two rows with one identity the first in the file is the one kept.
    if (this.#ops.every((op) => op.kind === "quote"))
      this.#ops.sort((a, b) => compareQuotes((a as QuoteOp).quote, (b as QuoteOp).quote));
    const out: InStatement[] = [];
    this.#plan = [];
    const id = this.importId;
    for (let start = 0; start < this.#ops.length; ) {
      const kind = this.#ops[start]!.kind;
      let end = start + 1;
      while (end < this.#ops.length && end - start < ROWS_PER_STATEMENT && this.#ops[end]!.kind === kind) end++;
      const run = this.#ops.slice(start, end);
      const n = run.length;
      if (kind === "cancel") {
        const keys = run.map((op) => (op as { key: TradeKey }).key);
        out.push({ sql: recordCancels(n), args: keys.flatMap((k) => [k.tradeDate, k.instrument, k.tradeId, id]) });
        this.#plan.push({ at: out.length, kind: "cancel", rows: n });
        out.push(
          { sql: deleteCancelled(n), args: keys.flatMap((k) => [k.tradeDate, k.instrument, k.tradeId]) },
          { ...countCancelled, args: [id] },
        );
      } else {
        const args =
          kind === "quote"
            ? run.flatMap((op) => quoteArgs((op as QuoteOp).quote, id))
            : run.flatMap((op) => tradeArgs((op as { trade: Trade }).trade, id));
        this.#plan.push({ at: out.length, kind: "insert", rows: n });
        out.push(
          { sql: kind === "quote" ? insertQuotes(n) : insertTrades(n), args },
          { ...countInserted, args: [n, id] },
        );
      }
      start = end;
    }
    return out;
  }

  /** What the statements did, from their results; then the batch is empty again. */
  settle(results: ResultSet[]): BatchCounts {
    const counts = { inserted: 0, duplicate: 0, cancelled: 0 };
    for (const step of this.#plan) {
      const changed = results[step.at]?.rowsAffected ?? 0;
      if (step.kind === "cancel") counts.cancelled += changed;
      else (counts.inserted += changed), (counts.duplicate += step.rows - changed);
    }
    this.#ops = [];
    this.#plan = [];
    return counts;
  }
}
