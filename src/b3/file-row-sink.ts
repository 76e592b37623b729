import type { InValue } from "@libsql/client";
import type Database from "libsql";
import type { Statement } from "libsql";
import { dailyQuoteValues, insertDailyQuotesSql } from "./daily-quote-insert.ts";
import { dropIndexesOfEmptyTables, restoreIndexes } from "./deferred-indexes.ts";
import { type BatchCounts, ROWS_PER_STATEMENT, type RowRun } from "./row-batch.ts";
import type { RowSink } from "./row-sink.ts";
import type { SqlStatement } from "./sql-statement.ts";
import { cancelTrades } from "./trade-cancellation.ts";
import { insertTradesSql, tradeValues } from "./trade-insert.ts";

/**
 * Rows per transaction. The driver is synchronous: a transaction holds its thread (the import
 * worker's, see import-worker.ts) and the database's write lock from BEGIN to COMMIT, and the app's
 * own writes (ticks) wait for their turn until it ends (store/write-turns.ts). Measured on the
 * 2M-record year (rows then written from the server's thread): 5,000 rows imported at 75–78 k
 * records/s against 60–75 k, but `/api/prices` p99 went from ~20 to ~70 ms. At 500 rows the
 * disk-full test's day no longer fits its disk.
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
  /** The statements of full-size runs and of the import's state: a handful of shapes, each prepared once. */
  readonly #prepared = new Map<string, Statement>();
  /** The imports that wrote here and have not ended. */
  readonly #active = new Set<number>();

  readonly rowsPerTransaction = ROWS_PER_TRANSACTION;

  constructor(private readonly db: Database.Database) {}

  async write(importId: number, runs: readonly RowRun[], state: SqlStatement): Promise<BatchCounts> {
    if (!this.#active.has(importId)) {
      this.#active.add(importId);
      // Onto an empty table, rows go in without its secondary index, built once at the end (`release`).
      if (this.#active.size === 1 && dropIndexesOfEmptyTables(this.db).length > 0) this.#prepared.clear();
    }
    return this.#transaction(importId, runs, state);
  }

  /**
   * Import `importId` has ended here (done, failed or stopped). Once no import is writing, the indexes
   * dropped for a first import are built again, before the import is recorded done.
   */
  async release(importId: number): Promise<void> {
    if (!this.#active.delete(importId) || this.#active.size > 0) return;
    if (restoreIndexes(this.db).length > 0) this.#prepared.clear();
  }

  #transaction(importId: number, runs: readonly RowRun[], state: SqlStatement): BatchCounts {
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
        const inserted = this.#insert(run, importId);
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

  /** Run the INSERT of `run` (its statement prepared once for a full-size run); the rows it inserted. */
  #insert(run: Exclude<RowRun, { kind: "cancel" }>, importId: number): number {
    const args: InValue[] = [];
    if (run.kind === "dailyQuote") for (const quote of run.rows) args.push(...dailyQuoteValues(quote, importId));
    else for (const trade of run.rows) args.push(...tradeValues(trade, importId));
    const sql = run.kind === "dailyQuote" ? insertDailyQuotesSql(run.rows.length) : insertTradesSql(run.rows.length);
    return this.#run({ sql, args }, run.rows.length === ROWS_PER_STATEMENT);
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
