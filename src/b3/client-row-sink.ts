import type { Client, InStatement } from "@libsql/client";
import { insertDailyQuotes } from "./daily-quote-insert.ts";
import type { BatchCounts, RowRun } from "./row-batch.ts";
import type { RowSink } from "./row-sink.ts";
import type { SqlStatement } from "./sql-statement.ts";
import { cancelTrades } from "./trade-cancellation.ts";
import { insertTrades } from "./trade-insert.ts";

/** Rows per transaction: big enough to amortise a commit (a batch is one round trip), small enough to keep progress live. */
const ROWS_PER_TRANSACTION = 1500;

/** Counts what each statement did; `changes()` is the row count of the statement just before. */
const countInserted = {
  sql: "UPDATE imports SET rows_inserted = rows_inserted + changes(), rows_duplicate = rows_duplicate + ? - changes() WHERE id = ?",
};
const countCancelled = { sql: "UPDATE imports SET rows_cancelled = rows_cancelled + changes() WHERE id = ?" };

/**
 * The rows written through `@libsql/client`, for any database URL (a libSQL server included): each
 * transaction is one `batch`, every statement followed by the update of the import's counters
 * (the counters are counted in SQL, so rows and counters commit together).
 * @example const sink = new ClientRowSink(createClient({ url: "http://127.0.0.1:8080" }));
 */
export class ClientRowSink implements RowSink {
  readonly rowsPerTransaction = ROWS_PER_TRANSACTION;

  constructor(private readonly db: Client) {}

  async write(importId: number, runs: readonly RowRun[], state: SqlStatement): Promise<BatchCounts> {
    const statements: InStatement[] = [];
    /** Where each run's counted statement is in the batch. */
    const counted: number[] = [];
    for (const run of runs) {
      if (run.kind === "cancel") {
        const [record, remove] = cancelTrades(run.rows, importId);
        statements.push(record);
        counted.push(statements.length);
        statements.push(remove, { ...countCancelled, args: [importId] });
      } else {
        counted.push(statements.length);
        const insert =
          run.kind === "dailyQuote" ? insertDailyQuotes(run.rows, importId) : insertTrades(run.rows, importId);
        statements.push(insert, { ...countInserted, args: [run.rows.length, importId] });
      }
    }
    const results = await this.db.batch([...statements, state], "write");
    const counts = { inserted: 0, duplicate: 0, cancelled: 0 };
    runs.forEach((run, i) => {
      const changed = results[counted[i] ?? -1]?.rowsAffected ?? 0;
      if (run.kind === "cancel") counts.cancelled += changed;
      else {
        counts.inserted += changed;
        counts.duplicate += run.rows.length - changed;
      }
    });
    return counts;
  }

  /** Nothing is deferred: a libSQL server's indexes are kept up to date row by row. */
  async release(_importId: number): Promise<void> {}
}
