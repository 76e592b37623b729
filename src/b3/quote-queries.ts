import type { Client, InArgs, Row } from "@libsql/client";
import type { DailyQuote } from "./daily-quote.ts";

/** A stored daily quote as the API shows it: `term` is a number of days, null outside the term market. */
export interface DailyQuoteRow extends Omit<DailyQuote, "term"> {
  term: number | null;
}

/** A page's position: the identity of the last daily quote shown (`term` as stored). */
export interface DailyQuoteKey {
  date: string;
  ticker: string;
  market: number;
  term: string;
}

export interface DailyQuoteQuery {
  ticker?: string;
  from?: string;
  to?: string;
  market?: number;
  limit: number;
  after?: DailyQuoteKey;
}

/** A stored daily quote with the import that wrote it: every field of the `quotes` table. */
export interface ExportedQuote extends DailyQuoteRow {
  importId: number;
}

/** Which daily quotes an export holds: a ticker's or all, between two dates (`YYYY-MM-DD`, both included). */
export interface DailyQuoteFilter {
  ticker?: string;
  from?: string;
  to?: string;
}

/** Rows a query of `oldestFirst` reads. */
const EXPORT_PAGE = 5000;

/** A day of NEGOCIOSAVISTA trades of one instrument. */
export interface TradeDay {
  date: string;
  open: number;
  high: number;
  low: number;
  close: number;
  /** Volume-weighted average price. */
  average: number;
  trades: number;
  quantity: number;
  volume: number;
}

/** One ticker since a date, its daily quotes and its trades together. */
export interface TickerSummary {
  /** The highest price since the start date, 0 when there is none. */
  maxRangeValue: number;
  /** The largest total quantity of one day since the start date, 0 when there is none. */
  maxDailyVolume: number;
}

const NEWEST_FIRST = "ORDER BY date DESC, ticker DESC, market DESC, term DESC";

const toDailyQuote = (r: Row): DailyQuoteRow => ({
  date: String(r.date),
  ticker: String(r.ticker),
  market: Number(r.market),
  term: r.term === "" ? null : Number(r.term),
  bdi: String(r.bdi),
  issuer: String(r.issuer),
  shareType: String(r.share_type),
  currency: String(r.currency),
  open: Number(r.open),
  high: Number(r.high),
  low: Number(r.low),
  average: Number(r.average),
  close: Number(r.close),
  bestBid: Number(r.best_bid),
  bestAsk: Number(r.best_ask),
  trades: Number(r.trades),
  quantity: Number(r.quantity),
  volume: Number(r.volume),
  strike: Number(r.strike),
  strikeCorrection: String(r.strike_correction),
  expiry: r.expiry === null ? null : String(r.expiry),
  factor: Number(r.factor),
  strikePoints: Number(r.strike_points),
  isin: String(r.isin),
  distribution: String(r.distribution),
});

/** A stored row's identity, `term` as stored. */
const keyOf = (r: Row): DailyQuoteKey => ({
  date: String(r.date),
  ticker: String(r.ticker),
  market: Number(r.market),
  term: String(r.term),
});

const toTradeDay = (r: Row): TradeDay => ({
  date: String(r.date),
  open: Number(r.open),
  high: Number(r.high),
  low: Number(r.low),
  close: Number(r.close),
  average: Number(r.quantity) > 0 ? Math.round((Number(r.volume) / Number(r.quantity)) * 1e6) / 1e6 : 0,
  trades: Number(r.trades),
  quantity: Number(r.quantity),
  volume: Math.round(Number(r.volume) * 100) / 100,
});

/**
 * The queries on imported daily quotes and trades (reads only: the importer writes them, see
 * `daily-quote-insert.ts` and `trade-insert.ts`), through the indexes on (date, ticker…) and (ticker, date).
 * @example const { quotes, next } = await new QuoteQueries(db).page({ ticker: "PETR4", limit: 100 });
 */
export class QuoteQueries {
  constructor(private readonly db: Client) {}

  /** Daily quotes matching `query`, newest first, and where the next page starts (undefined after the last). */
  async page(query: DailyQuoteQuery): Promise<{ quotes: DailyQuoteRow[]; next: DailyQuoteKey | undefined }> {
    const where: string[] = [];
    const args: InArgs = [];
    const add = (sql: string, ...values: (string | number)[]) => {
      where.push(sql);
      args.push(...values);
    };
    if (query.ticker !== undefined) add("ticker = ?", query.ticker);
    if (query.from !== undefined) add("date >= ?", query.from);
    if (query.to !== undefined) add("date <= ?", query.to);
    if (query.market !== undefined) add("market = ?", query.market);
    if (query.after)
      add(
        "(date, ticker, market, term) < (?, ?, ?, ?)",
        query.after.date,
        query.after.ticker,
        query.after.market,
        query.after.term,
      );
    const result = await this.db.execute({
      sql: `SELECT * FROM quotes ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ${NEWEST_FIRST} LIMIT ?`,
      args: [...args, query.limit + 1],
    });
    const rows = result.rows.slice(0, query.limit);
    const last = rows.at(-1);
    const next = result.rows.length > query.limit && last ? keyOf(last) : undefined;
    return { quotes: rows.map(toDailyQuote), next };
  }

  /**
   * Oldest first, in pages of EXPORT_PAGE rows, one query each starting after the last row of the one
   * before (keyset), so every page costs the same however deep. Lazy: a page is read when asked for.
   * @example for await (const quotes of queries.oldestFirst({ ticker: "PETR4" })) send(quotes);
   */
  async *oldestFirst({ ticker, from, to }: DailyQuoteFilter): AsyncGenerator<ExportedQuote[]> {
    // One ticker's rows in the order of its index (ticker, date, market, term), all rows in the primary key's.
    const key = ticker === undefined ? "date, ticker, market, term" : "date, market, term";
    const sql = `SELECT * FROM quotes
                 WHERE ${ticker === undefined ? "" : "ticker = ? AND"} (${key}) > (${key.replaceAll(/\w+/g, "?")})
                 ${to === undefined ? "" : "AND date <= ?"}
                 ORDER BY ${key} LIMIT ?`;
    const argsAfter = (k: DailyQuoteKey): InArgs => [
      ...(ticker === undefined ? [k.date, k.ticker] : [ticker, k.date]),
      k.market,
      k.term,
      ...(to === undefined ? [] : [to]),
      EXPORT_PAGE,
    ];
    // Just before the first row of `from`: no ticker is empty, no market below 0.
    let after: DailyQuoteKey = { date: from ?? "", ticker: "", market: -1, term: "" };
    for (;;) {
      const { rows } = await this.db.execute({ sql, args: argsAfter(after) });
      const last = rows.at(-1);
      if (last) yield rows.map((r) => ({ ...toDailyQuote(r), importId: Number(r.import_id) }));
      if (!last || rows.length < EXPORT_PAGE) return;
      after = keyOf(last);
    }
  }

  /** Every daily quote of `ticker`, newest first. */
  async daily(ticker: string, limit: number): Promise<DailyQuoteRow[]> {
    const result = await this.db.execute({
      sql: `SELECT * FROM quotes WHERE ticker = ? ${NEWEST_FIRST} LIMIT ?`,
      args: [ticker, limit],
    });
    return result.rows.map(toDailyQuote);
  }

  /** Trades of `ticker` aggregated per day, newest first. */
  async tradeDays(ticker: string, limit: number): Promise<TradeDay[]> {
    const result = await this.db.execute({
      sql: `SELECT trade_date AS date, MIN(price) AS low, MAX(price) AS high, COUNT(*) AS trades, SUM(quantity) AS quantity, SUM(price * quantity) AS volume,
              (SELECT price FROM trades f WHERE f.instrument = t.instrument AND f.trade_date = t.trade_date ORDER BY close_time, CAST(trade_id AS INTEGER) LIMIT 1) AS open,
              (SELECT price FROM trades l WHERE l.instrument = t.instrument AND l.trade_date = t.trade_date ORDER BY close_time DESC, CAST(trade_id AS INTEGER) DESC LIMIT 1) AS close
            FROM trades t WHERE instrument = ? GROUP BY trade_date ORDER BY trade_date DESC LIMIT ?`,
      args: [ticker, limit],
    });
    return result.rows.map(toTradeDay);
  }

  /** The highest price and the largest one-day quantity of `ticker` since `since` (`YYYY-MM-DD`; "" for all). */
  async summary(ticker: string, since: string): Promise<TickerSummary> {
    const result = await this.db.execute({
      sql: `SELECT
              (SELECT MAX(high) FROM quotes WHERE ticker = ?1 AND date >= ?2) AS quote_high,
              (SELECT MAX(price) FROM trades WHERE instrument = ?1 AND trade_date >= ?2) AS trade_high,
              (SELECT MAX(q) FROM (SELECT SUM(quantity) AS q FROM quotes WHERE ticker = ?1 AND date >= ?2 GROUP BY date)) AS quote_day,
              (SELECT MAX(q) FROM (SELECT SUM(quantity) AS q FROM trades WHERE instrument = ?1 AND trade_date >= ?2 GROUP BY trade_date)) AS trade_day`,
      args: [ticker, since],
    });
    const r = result.rows[0];
    const num = (value: unknown) => (value === null || value === undefined ? 0 : Number(value));
    return {
      maxRangeValue: Math.max(num(r?.quote_high), num(r?.trade_high)),
      maxDailyVolume: Math.max(num(r?.quote_day), num(r?.trade_day)),
    };
  }
}
