import type { InStatement, ResultSet } from "@libsql/client";
import { byDailyQuoteIdentity, insertDailyQuotes } from "./daily-quote-insert.ts";
import type { ParsedLine } from "./line-parser.ts";
import { cancelTrades } from "./trade-cancellation.ts";
import { insertTrades } from "./trade-insert.ts";

/** Rows per INSERT: multi-row statements are many times faster than single rows. */
export const ROWS_PER_STATEMENT = 150;

/** Counts what each statement did; `changes()` is the row count of the statement just before. */
const countInserted = {
  sql: "UPDATE imports SET rows_inserted = rows_inserted + changes(), rows_duplicate = rows_duplicate + ? - changes() WHERE id = ?",
};
const countCancelled = { sql: "UPDATE imports SET rows_cancelled = rows_cancelled + changes() WHERE id = ?" };

/** The lines of a run are all of one kind. */
type DailyQuoteLine = Extract<ParsedLine, { kind: "dailyQuote" }>;
type TradeLine = Extract<ParsedLine, { kind: "trade" }>;
type CancelLine = Extract<ParsedLine, { kind: "cancel" }>;

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
 * @example batch.add(parsed); … const counts = batch.settle(await db.batch([...batch.statements(), resumePoint], "write"));
 */
export class RowBatch {
  #ops: ParsedLine[] = [];
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
    if (this.#ops.every((op) => op.kind === "dailyQuote"))
      this.#ops.sort((a, b) =>
        byDailyQuoteIdentity((a as DailyQuoteLine).dailyQuote, (b as DailyQuoteLine).dailyQuote),
      );
    const out: InStatement[] = [];
    this.#plan = [];
    const id = this.importId;
    for (let start = 0; start < this.#ops.length; ) {
      const kind = this.#ops[start]?.kind;
      let end = start + 1;
      while (end < this.#ops.length && end - start < ROWS_PER_STATEMENT && this.#ops[end]?.kind === kind) end++;
      const run = this.#ops.slice(start, end);
      const n = run.length;
      if (kind === "cancel") {
        const [record, remove] = cancelTrades(
          (run as CancelLine[]).map((op) => op.key),
          id,
        );
        out.push(record);
        this.#plan.push({ at: out.length, kind: "cancel", rows: n });
        out.push(remove, { ...countCancelled, args: [id] });
      } else {
        this.#plan.push({ at: out.length, kind: "insert", rows: n });
        out.push(
          kind === "dailyQuote"
            ? insertDailyQuotes(
                (run as DailyQuoteLine[]).map((op) => op.dailyQuote),
                id,
              )
            : insertTrades(
                (run as TradeLine[]).map((op) => op.trade),
                id,
              ),
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
      else {
        counts.inserted += changed;
        counts.duplicate += step.rows - changed;
      }
    }
    this.#ops = [];
    this.#plan = [];
    return counts;
  }
}
