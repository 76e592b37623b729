import { valuesPlaceholders } from "../store/values-placeholders.ts";
import type { SqlStatement } from "./sql-statement.ts";
import type { TradeKey } from "./trade.ts";

/**
 * The two statements of cancelling trades (AcaoAtualizacao 2), in this order: record the
 * cancellations (so the trades are never inserted again, whichever file brings them), then delete
 * the trades; the second one's `rowsAffected` counts the trades removed.
 * @example await db.batch(cancelTrades([{ tradeDate, instrument, tradeId }], importId), "write");
 */
export function cancelTrades(keys: readonly TradeKey[], importId: number): [SqlStatement, SqlStatement] {
  return [
    {
      sql: `INSERT INTO trade_cancellations (trade_date, instrument, trade_id, import_id) VALUES ${valuesPlaceholders(keys.length, 4)} ON CONFLICT DO NOTHING`,
      args: keys.flatMap((k) => [k.tradeDate, k.instrument, k.tradeId, importId]),
    },
    {
      sql: `DELETE FROM trades WHERE (trade_date, instrument, trade_id) IN (VALUES ${valuesPlaceholders(keys.length, 3)})`,
      args: keys.flatMap((k) => [k.tradeDate, k.instrument, k.tradeId]),
    },
  ];
}
