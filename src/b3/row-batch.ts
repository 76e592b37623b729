import type { DailyQuote } from "./daily-quote.ts";
import { byDailyQuoteIdentity } from "./daily-quote-insert.ts";
import type { ParsedLine } from "./line-parser.ts";
import type { Trade, TradeKey } from "./trade.ts";

/** Rows per INSERT: multi-row statements are many times faster than single rows. */
export const ROWS_PER_STATEMENT = 150;

/** Consecutive rows of one kind, at most ROWS_PER_STATEMENT of them: what one statement writes. */
export type RowRun =
  | { kind: "dailyQuote"; rows: DailyQuote[] }
  | { kind: "trade"; rows: Trade[] }
  | { kind: "cancel"; rows: TradeKey[] };

/** What a written batch did. */
export interface BatchCounts {
  inserted: number;
  duplicate: number;
  cancelled: number;
}

const rowOf = (op: ParsedLine): DailyQuote | Trade | TradeKey =>
  op.kind === "dailyQuote" ? op.dailyQuote : op.kind === "trade" ? op.trade : op.key;

/**
 * Rows waiting to be written, in file order. `take()` hands them over as runs of one kind
 * (consecutive rows of one kind together, so a cancellation follows the trade it cancels) and
 * empties the batch; a RowSink writes them.
 * @example batch.add(parsed); … const counts = await sink.write(importId, batch.take(), resumePoint);
 */
export class RowBatch {
  #ops: ParsedLine[] = [];

  get size(): number {
    return this.#ops.length;
  }

  add(parsed: ParsedLine): void {
    this.#ops.push(parsed);
  }

  take(): RowRun[] {
    const ops = this.#ops;
    this.#ops = [];
    // B3 lists a day's quotes in no useful order: in key order, each statement walks the indexes
    // left to right. (Trades keep file order: a cancellation must follow its trade.) The sort is
    // stable, so of two rows with one identity the first in the file is the one kept.
    if (ops.every((op) => op.kind === "dailyQuote"))
      ops.sort((a, b) =>
        byDailyQuoteIdentity(
          (a as Extract<ParsedLine, { kind: "dailyQuote" }>).dailyQuote,
          (b as Extract<ParsedLine, { kind: "dailyQuote" }>).dailyQuote,
        ),
      );
    const runs: RowRun[] = [];
    for (let start = 0; start < ops.length; ) {
      const kind = ops[start]?.kind;
      let end = start + 1;
      while (end < ops.length && end - start < ROWS_PER_STATEMENT && ops[end]?.kind === kind) end++;
      runs.push({ kind, rows: ops.slice(start, end).map(rowOf) } as RowRun);
      start = end;
    }
    return runs;
  }
}
