import type Database from "libsql";
import type { Statement } from "libsql";
import { insertDailyQuotes } from "./daily-quote-insert.ts";
import { type BatchCounts, ROWS_PER_STATEMENT, type RowRun } from "./row-batch.ts";
import type { RowSink } from "./row-sink.ts";
import type { SqlStatement } from "./sql-statement.ts";
import { cancelTrades } from "./trade-cancellation.ts";
import { insertTrades } from "./trade-insert.ts";

/**
 * Rows per transaction. The driver is synchronous: a transaction holds the event loop (and the
 * database's write lock) from BEGIN to COMMIT; the importer yields between two. Fewer rows hold it
 * for less, but every commit writes the `quotes_ticker` pages it touched to the WAL again: at 500
 * rows the WAL of an 8,000-quote day no longer fits where 1,500-row transactions did (disk-full test).
 */
const ROWS_PER_TRANSACTION = 1500;

const addCounts = {
  sql: "UPDATE imports SET rows_inserted = rows_inserted + ?, rows_duplicate = rows_duplicate + ?, rows_cancelled = rows_cancelled + ? WHERE id = ?",
};

/**
 * The rows written through `libsql`'s own driver on the importer's connection to a `file:` database:
 * statements are prepared once and reused (`@libsql/client` prepares every statement again for
 * every batch), and each transaction runs synchronously from BEGIN to COMMIT, so two imports sharing
 * the connection never interleave their transactions.
 * @example const sink = new FileRowSink(new Database("data/tickertape.db"));
 */
export class FileRowSink implements RowSink {
  readonly rowsPerTransaction = ROWS_PER_TRANSACTION;
  /** The statements of full-size runs and of the import's state: a handful of shapes, each prepared once. */
  readonly #prepared = new Map<string, Statement>();

  constructor(private readonly db: Database.Database) {}

  async write(importId: number, runs: readonly RowRun[], state: SqlStatement): Promise<BatchCounts> {
    const counts = { inserted: 0, duplicate: 0, cancelled: 0 };
    this.db.exec("BEGIN IMMEDIATE");
    try {
      for (const run of runs) {
        if (run.kind === "cancel") {
          const [record, remove] = cancelTrades(run.rows, importId);
          const full = run.rows.length === ROWS_PER_STATEMENT;
          this.#run(record, full);
          counts.cancelled += this.#run(remove, full);
          continue;
        }
        const insert =
          run.kind === "dailyQuote" ? insertDailyQuotes(run.rows, importId) : insertTrades(run.rows, importId);
        const inserted = this.#run(insert, run.rows.length === ROWS_PER_STATEMENT);
        counts.inserted += inserted;
        counts.duplicate += run.rows.length - inserted;
      }
      this.#run({ ...addCounts, args: [counts.inserted, counts.duplicate, counts.cancelled, importId] });
      this.#run(state);
      this.db.exec("COMMIT");
    } catch (error) {
      // SQLite may have rolled back already (SQLITE_FULL does): the error is kept, not a failed ROLLBACK's.
      if (this.db.inTransaction) this.db.exec("ROLLBACK");
      throw error;
    }
    return counts;
  }

  /** Run `statement`, prepared once if `reuse` (a shape that comes back), else for this run only; the rows it changed. */
  #run(statement: SqlStatement, reuse = true): number {
    let prepared = this.#prepared.get(statement.sql);
    if (prepared === undefined) {
      prepared = this.db.prepare(statement.sql);
      if (reuse) this.#prepared.set(statement.sql, prepared);
    }
    return prepared.run(statement.args).changes;
  }
}
