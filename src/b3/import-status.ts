import type { FileFormat } from "./detect.ts";

export type ImportFormat = FileFormat | "unknown";
export type ImportState = "queued" | "running" | "done" | "failed";

/** A line that was not imported: where it is, why, and what it said. */
export interface RejectedLine {
  line: number;
  /** The file inside the zip, for a zip upload. */
  entry?: string;
  reason: string;
  text: string;
}

/** What an import has done so far. */
export interface ImportCounters {
  /** Lines read, all files of a zip together (the resume point after a crash). */
  linesRead: number;
  /** Stored bytes consumed (compressed ones for a zip). */
  bytesRead: number;
  rowsInserted: number;
  /** Rows already present (same identity), kept once. */
  rowsDuplicate: number;
  rowsRejected: number;
  /** Trades removed by a cancellation (AcaoAtualizacao 2). */
  rowsCancelled: number;
}

/** An import as the API and the pages show it. Times are epoch milliseconds. */
export interface ImportStatus extends ImportCounters {
  id: number;
  fileName: string;
  format: ImportFormat;
  bytes: number;
  status: ImportState;
  /** The first rejected lines (at most MAX_KEPT_ERRORS). */
  errors: RejectedLine[];
  /** Why the import failed, for a failed one. */
  failure: string | null;
  /** The most traded tickers of the file, for links. */
  tickers: string[];
  /** 0–1. */
  progress: number;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  /** Lines read per second since the import started. */
  rate: number;
}

export const MAX_KEPT_ERRORS = 100;
/** How much of a rejected line is kept. */
export const MAX_KEPT_TEXT = 300;

export const progressOf = (status: Pick<ImportStatus, "status" | "bytes" | "bytesRead">): number =>
  status.status === "done" ? 1 : status.bytes > 0 ? Math.min(1, status.bytesRead / status.bytes) : 0;

export function rateOf(linesRead: number, startedAt: number | null, finishedAt: number | null, now: number): number {
  if (startedAt === null) return 0;
  const seconds = ((finishedAt ?? now) - startedAt) / 1000;
  return seconds > 0 ? Math.round(linesRead / seconds) : linesRead;
}
