import { rm } from "node:fs/promises";
import type { Logger } from "../log.ts";
import { CotahistParser } from "./cotahist.ts";
import { isDiskFull } from "./disk-full.ts";
import type { ImportEvents } from "./import-events.ts";
import { knownReason, recordFailure } from "./import-failure.ts";
import {
  type ImportStatus,
  MAX_KEPT_ERRORS,
  MAX_KEPT_TEXT,
  progressOf,
  type RejectedLine,
  rateOf,
} from "./import-status.ts";
import type { ImportRecord, ImportStore } from "./import-store.ts";
import { ImportTally } from "./import-tally.ts";
import { BadLine, type LineParser, type ParsedLine } from "./line-parser.ts";
import { NegociosParser } from "./negocios.ts";
import { RowBatch } from "./row-batch.ts";
import type { RowSink } from "./row-sink.ts";
import { openSources, type Source } from "./sources.ts";

/** The resume point is saved at least this often, even while lines are only rejected. */
const LINES_PER_SAVE = 20_000;

export interface ImportJobDeps {
  /** Where the rows go, each transaction with the import's counters and resume point. */
  rows: RowSink;
  store: ImportStore;
  events: Pick<ImportEvents, "emit">;
  log: Logger;
  now: () => number;
  /** A zip upload may inflate to this many bytes, all its files together. */
  maxUnzippedBytes: number;
}

/** The import was stopped with the process: it stays `running`, to be resumed at the next start. */
class Stopped extends Error {}

/** Let the event loop turn: requests are served between batches, and libSQL frees its finished statements then. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Import one stored upload. Rows go in batches to `rows`, each in one transaction with the import's counters
 * and resume point (`linesRead`). After a crash the same import runs again: lines up to the resume
 * point are parsed (to rebuild the parsers' state) but not written or counted again, so the result
 * is the same as an uninterrupted run. A file-level problem fails the import and removes its rows.
 * @example await runImport(record, { rows, store, events, log, now: Date.now, maxUnzippedBytes }, signal);
 */
export async function runImport(record: ImportRecord, deps: ImportJobDeps, signal: AbortSignal): Promise<void> {
  const { rows, store, events, log, now, maxUnzippedBytes } = deps;
  const resumeFrom = record.linesRead;
  // The pass reads from the start: lines up to `resumeFrom` are replayed, not written again.
  const startedAt = record.startedAt ?? now();
  const { storedPath, ...stored } = record;
  const status: ImportStatus = { ...stored, status: "running", startedAt, linesRead: 0, bytesRead: 0 };
  const snapshot = (): ImportStatus => ({
    ...status,
    errors: [...status.errors],
    progress: progressOf(status),
    rate: rateOf(status.linesRead, status.startedAt, status.finishedAt, now()),
  });
  const batch = new RowBatch();
  const tally = new ImportTally();
  let errorsChanged = false;
  let savedAt = resumeFrom;

  const save = async () => {
    const state = store.progress(record.id, status, errorsChanged ? status.errors : undefined);
    const counts = await rows.write(record.id, batch.take(), state);
    status.rowsInserted += counts.inserted;
    status.rowsDuplicate += counts.duplicate;
    status.rowsCancelled += counts.cancelled;
    errorsChanged = false;
    savedAt = status.linesRead;
    events.emit({ kind: "progress", status: snapshot() });
    await nextTurn();
    if (signal.aborted) throw new Stopped();
  };
  const release = () =>
    rows
      .release(record.id)
      .catch((error: unknown) => log.error("the import's rows were not released", { id: record.id, error }));
  const reject = (source: Source, line: number, reason: string, text: string) => {
    status.rowsRejected++;
    if (status.errors.length >= MAX_KEPT_ERRORS) return;
    const rejected: RejectedLine = { line, reason, text: text.slice(0, MAX_KEPT_TEXT) };
    status.errors.push(source.entry === undefined ? rejected : { ...rejected, entry: source.entry });
    errorsChanged = true;
  };

  try {
    await store.markRunning(record.id, startedAt);
    events.emit({ kind: "started", status: snapshot() });
    if (resumeFrom > 0) log.info("resuming import", { id: record.id, linesRead: resumeFrom });
    const onBytes = (bytes: number) => (status.bytesRead += bytes);
    for await (const source of openSources(storedPath, record.fileName, onBytes, maxUnzippedBytes)) {
      const parser: LineParser =
        source.format === "cotahist" ? new CotahistParser(source.name) : new NegociosParser(source.name);
      let line = 0;
      for await (const lines of source.lines) {
        for (const text of lines) {
          line++;
          const replaying = ++status.linesRead <= resumeFrom;
          let parsed: ParsedLine | undefined;
          try {
            parsed = parser.line(text, line);
          } catch (error) {
            if (!(error instanceof BadLine)) throw error;
            if (!replaying) reject(source, line, error.message, text);
            continue;
          }
          if (parsed === undefined) continue;
          tally.add(parsed);
          if (!replaying) batch.add(parsed);
          if (batch.size >= rows.rowsPerTransaction) await save();
        }
        if (status.linesRead > resumeFrom && status.linesRead - savedAt >= LINES_PER_SAVE) await save();
        if (signal.aborted) throw new Stopped();
      }
      parser.finish();
    }
    await save();
    await rows.release(record.id);
    status.tickers = tally.topTickers();
    status.finishedAt = now();
    await store.finish(record.id, status.tickers, status.finishedAt);
    status.status = "done";
    status.bytesRead = status.bytes;
    log.info("import done", {
      id: record.id,
      linesRead: status.linesRead,
      rowsInserted: status.rowsInserted,
      rowsDuplicate: status.rowsDuplicate,
      rate: snapshot().rate,
    });
  } catch (error) {
    if (error instanceof Stopped || signal.aborted) {
      await release();
      return;
    }
    if (isDiskFull(error)) {
      log.error("the disk is full: the import fails and gives its room back", { id: record.id, error });
      // The upload goes first: the space it frees lets the rows be removed.
      await rm(storedPath, { force: true });
    }
    const known = knownReason(error);
    if (known === undefined) log.error("import stopped on an unexpected error", { id: record.id, error });
    const message = error instanceof Error ? error.message : String(error);
    const reason = known ?? `the import stopped on an unexpected error (${message})`;
    status.finishedAt = now();
    // Lines not replayed (an upload gone before its import resumed) may hold rows of an earlier run.
    const spans = status.linesRead >= resumeFrom ? tally.spans : undefined;
    const failed = { id: record.id, reason, rowsInserted: status.rowsInserted, spans, finishedAt: status.finishedAt };
    const { failure, rowsLeft } = await recordFailure(store, failed);
    await release();
    status.status = "failed";
    status.failure = failure;
    status.rowsInserted = rowsLeft;
  }
  events.emit({ kind: "finished", status: snapshot() });
  await rm(storedPath, { force: true });
}
