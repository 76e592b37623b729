import { valuesPlaceholders } from "../store/values-placeholders.ts";
import type { DailyQuote } from "./daily-quote.ts";
import type { SqlStatement } from "./sql-statement.ts";

const COLUMNS =
  "date, ticker, market, term, bdi, issuer, share_type, currency, open, high, low, average, close, best_bid, best_ask, trades, quantity, volume, strike, strike_correction, expiry, factor, strike_points, isin, distribution, import_id";
const COLUMN_COUNT = COLUMNS.split(", ").length;

/**
 * A quote's values in the order of the `quotes` table's columns, `importId` last.
 * @example dailyQuoteValues(parseDailyQuote(line), 7)
 */
export const dailyQuoteValues = (q: DailyQuote, importId: number) => [
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
  importId,
];

/**
 * The INSERT of COTAHIST daily quotes into the `quotes` table, one statement for all of them,
 * tagged with the import that read them. A quote whose identity (date, ticker, market, term) is
 * already there is left out: the first one stays, and `rowsAffected` counts only the new ones.
 * @example await db.batch([insertDailyQuotes([parseDailyQuote(line)], importId)], "write");
 */
export function insertDailyQuotes(quotes: readonly DailyQuote[], importId: number): SqlStatement {
  return {
    sql: insertDailyQuotesSql(quotes.length),
    args: quotes.flatMap((quote) => dailyQuoteValues(quote, importId)),
  };
}

/** The SQL of `insertDailyQuotes` for `rows` quotes (their values in `dailyQuoteValues` order, one after the other). */
export const insertDailyQuotesSql = (rows: number): string =>
  `INSERT INTO quotes (${COLUMNS}) VALUES ${valuesPlaceholders(rows, COLUMN_COUNT)} ON CONFLICT DO NOTHING`;

/**
 * The order of the `quotes` table's identity (date, ticker, market, term), the order of its primary key.
 * @example quotes.sort(byDailyQuoteIdentity);
 */
export const byDailyQuoteIdentity = (a: DailyQuote, b: DailyQuote): number =>
  a.date < b.date
    ? -1
    : a.date > b.date
      ? 1
      : a.ticker < b.ticker
        ? -1
        : a.ticker > b.ticker
          ? 1
          : a.market - b.market || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0);
