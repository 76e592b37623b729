import { valuesPlaceholders } from "../store/values-placeholders.ts";
import type { SqlStatement } from "./sql-statement.ts";
import type { Trade } from "./trade.ts";

const COLUMNS =
  "trade_date, instrument, trade_id, price, quantity, close_time, session_type, reference_date, buyer, seller, channel, import_id";
const COLUMN_COUNT = COLUMNS.split(", ").length;

/** A trade's values in the order of the `trades` table's columns, `importId` last. */
export const tradeValues = (t: Trade, importId: number) => [
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
  importId,
];

/**
 * The INSERT of NEGOCIOSAVISTA trades into the `trades` table, one statement for all of them,
 * tagged with the import that read them. A trade already there (trade date, instrument, trade id)
 * is left out, and so is one cancelled earlier, by this file or another: `rowsAffected` counts
 * only the new ones.
 * @example await db.batch([insertTrades(trades, importId)], "write");
 */
export function insertTrades(trades: readonly Trade[], importId: number): SqlStatement {
  return { sql: insertTradesSql(trades.length), args: trades.flatMap((trade) => tradeValues(trade, importId)) };
}

/** The SQL of `insertTrades` for `rows` trades (their values one after the other). */
export const insertTradesSql = (rows: number): string =>
  `INSERT INTO trades (${COLUMNS}) SELECT * FROM (VALUES ${valuesPlaceholders(rows, COLUMN_COUNT)}) AS v
       WHERE NOT EXISTS (SELECT 1 FROM trade_cancellations c WHERE c.trade_date = v.column1 AND c.instrument = v.column2 AND c.trade_id = v.column3)
       ON CONFLICT DO NOTHING`;
