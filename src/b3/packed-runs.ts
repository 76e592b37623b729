import type { InValue } from "@libsql/client";
import { dailyQuoteValues } from "./daily-quote-insert.ts";
import type { RowRun } from "./row-batch.ts";
import type { TradeKey } from "./trade.ts";
import { tradeValues } from "./trade-insert.ts";

/**
 * A run of rows as its statement's arguments: the values of `count` rows one after the other (or
 * the keys of the trades it cancels). Flat arrays of numbers and strings cross to the import worker
 * for about a third of what the row objects cost.
 */
export type PackedRun =
  | { kind: "dailyQuote" | "trade"; count: number; args: InValue[] }
  | { kind: "cancel"; rows: TradeKey[] };

/**
 * `runs` as their statements' arguments, tagged with `importId`.
 * @example const counts = fileSink.writePacked(importId, packRuns(batch.take(), importId), state);
 */
export const packRuns = (runs: readonly RowRun[], importId: number): PackedRun[] =>
  runs.map((run) => {
    if (run.kind === "cancel") return run;
    const args: InValue[] = [];
    if (run.kind === "dailyQuote") for (const quote of run.rows) args.push(...dailyQuoteValues(quote, importId));
    else for (const trade of run.rows) args.push(...tradeValues(trade, importId));
    return { kind: run.kind, count: run.rows.length, args };
  });
