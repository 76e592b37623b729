import type { Client, InStatement, Row } from "@libsql/client";
import {
  type ImportCounters,
  type ImportFormat,
  type ImportState,
  type ImportStatus,
  progressOf,
  type RejectedLine,
  rateOf,
} from "./import-status.ts";
import type { DateSpans } from "./import-tally.ts";
import type { SqlStatement } from "./sql-statement.ts";

/** An import as stored, with where its upload is. */
export interface ImportRecord extends ImportStatus {
  storedPath: string;
}

const toRecord = (row: Row, now: number): ImportRecord => {
  const startedAt = row.started_at === null ? null : Number(row.started_at);
  const finishedAt = row.finished_at === null ? null : Number(row.finished_at);
  const status = String(row.status) as ImportState;
  const counters = {
    bytes: Number(row.bytes),
    linesRead: Number(row.lines_read),
    bytesRead: Number(row.bytes_read),
  };
  return {
    id: Number(row.id),
    fileName: String(row.file_name),
    storedPath: String(row.stored_path),
    format: String(row.format) as ImportFormat,
    status,
    ...counters,
    rowsInserted: Number(row.rows_inserted),
    rowsDuplicate: Number(row.rows_duplicate),
    rowsRejected: Number(row.rows_rejected),
    rowsCancelled: Number(row.rows_cancelled),
    errors: JSON.parse(String(row.errors)) as RejectedLine[],
    failure: row.failure === null ? null : String(row.failure),
    tickers: JSON.parse(String(row.tickers)) as string[],
    progress: progressOf({ status, ...counters }),
    createdAt: Number(row.created_at),
    startedAt,
    finishedAt,
    rate: rateOf(counters.linesRead, startedAt, finishedAt, now),
  };
};

/** The `imports` table: one row per upload, its state and counters, the resume point after a crash. */
export class ImportStore {
  constructor(
    private readonly db: Client,
    private readonly now: () => number = Date.now,
  ) {}

  async create(upload: {
    fileName: string;
    storedPath: string;
    format: ImportFormat;
    bytes: number;
  }): Promise<ImportRecord> {
    const result = await this.db.execute({
      sql: `INSERT INTO imports (file_name, stored_path, format, bytes, status, created_at) VALUES (?, ?, ?, ?, 'queued', ?) RETURNING *`,
      args: [upload.fileName, upload.storedPath, upload.format, upload.bytes, this.now()],
    });
    const row = result.rows[0];
    if (!row) throw new Error("the import was not recorded");
    return toRecord(row, this.now());
  }

  async get(id: number): Promise<ImportRecord | undefined> {
    const result = await this.db.execute({ sql: "SELECT * FROM imports WHERE id = ?", args: [id] });
    const row = result.rows[0];
    return row && toRecord(row, this.now());
  }

  /** Newest first. */
  async list(limit: number): Promise<ImportRecord[]> {
    const result = await this.db.execute({ sql: "SELECT * FROM imports ORDER BY id DESC LIMIT ?", args: [limit] });
    return result.rows.map((row) => toRecord(row, this.now()));
  }

  async markRunning(id: number, startedAt: number): Promise<void> {
    await this.db.execute({
      sql: "UPDATE imports SET status = 'running', started_at = ? WHERE id = ?",
      args: [startedAt, id],
    });
  }

  /** The statement that records the resume point, in the same transaction as the rows it covers. */
  progress(
    id: number,
    counters: Pick<ImportCounters, "linesRead" | "bytesRead" | "rowsRejected">,
    errors?: RejectedLine[],
  ): SqlStatement {
    const args = [counters.linesRead, counters.bytesRead, counters.rowsRejected];
    if (errors === undefined)
      return {
        sql: "UPDATE imports SET lines_read = ?, bytes_read = ?, rows_rejected = ? WHERE id = ?",
        args: [...args, id],
      };
    return {
      sql: "UPDATE imports SET lines_read = ?, bytes_read = ?, rows_rejected = ?, errors = ? WHERE id = ?",
      args: [...args, JSON.stringify(errors), id],
    };
  }

  async finish(id: number, tickers: string[], finishedAt: number): Promise<void> {
    await this.db.execute({
      sql: "UPDATE imports SET status = 'done', bytes_read = bytes, tickers = ?, finished_at = ? WHERE id = ?",
      args: [JSON.stringify(tickers), finishedAt, id],
    });
  }

  /**
   * Fail the import and remove every row it wrote, in one transaction. `spans` say where its rows
   * are; undefined when that is not known, and then every row is looked at.
   */
  async fail(id: number, failure: string, spans: DateSpans | undefined, finishedAt: number): Promise<void> {
    await this.db.batch([...removals(id, spans), failed(id, failure, finishedAt)], "write");
  }

  /** Fail the import, its rows left in place (`rows_inserted` counts them): there was no room to remove them. */
  async markFailed(id: number, failure: string, finishedAt: number): Promise<void> {
    await this.db.execute(failed(id, failure, finishedAt));
  }

  /** Failed imports whose rows are still there, oldest first. */
  async failedWithRows(): Promise<ImportRecord[]> {
    const result = await this.db.execute(
      "SELECT * FROM imports WHERE status = 'failed' AND rows_inserted > 0 ORDER BY id",
    );
    return result.rows.map((row) => toRecord(row, this.now()));
  }

  /** Remove every row of a failed import (each table is searched whole), in one transaction. */
  async removeRows(id: number): Promise<void> {
    await this.db.batch(removals(id, undefined), "write");
  }
}

const failed = (id: number, failure: string, finishedAt: number): InStatement => ({
  sql: "UPDATE imports SET status = 'failed', failure = ?, finished_at = ? WHERE id = ?",
  args: [failure, finishedAt, id],
});

/** The statements removing every row import `id` wrote (then counted 0), within `spans` when they are known. */
function removals(id: number, spans: DateSpans | undefined): InStatement[] {
  const statements: InStatement[] = [];
  const { dailyQuotes, trades } = spans ?? {};
  if (spans === undefined)
    statements.push(
      { sql: "DELETE FROM quotes WHERE import_id = ?", args: [id] },
      { sql: "DELETE FROM trades WHERE import_id = ?", args: [id] },
    );
  if (dailyQuotes)
    statements.push({
      sql: "DELETE FROM quotes WHERE date BETWEEN ? AND ? AND import_id = ?",
      args: [dailyQuotes.from, dailyQuotes.to, id],
    });
  if (trades)
    statements.push({
      sql: "DELETE FROM trades WHERE trade_date BETWEEN ? AND ? AND import_id = ?",
      args: [trades.from, trades.to, id],
    });
  statements.push({ sql: "DELETE FROM trade_cancellations WHERE import_id = ?", args: [id] });
  statements.push({ sql: "UPDATE imports SET rows_inserted = 0 WHERE id = ?", args: [id] });
  return statements;
}
