import type { Client } from "@libsql/client";
import type { Logger } from "../log.ts";
import type { ImportEvents } from "./import-events.ts";
import { runImport } from "./import-job.ts";
import { type ImportRecord, ImportStore } from "./import-store.ts";
import type { RowSink } from "./row-sink.ts";

/** Where an import reports, and how far its zip may inflate: the Importer's. */
export interface ImportContext {
  events: Pick<ImportEvents, "emit">;
  log: Logger;
  /** A zip upload may inflate to this many bytes, all its files together. */
  maxUnzippedBytes: number;
}

/**
 * Runs imports where their rows are written: on the server's thread through `@libsql/client` (a
 * libSQL server), or in the import worker (a `file:` database, see worker-import-runner.ts).
 */
export interface ImportRunner {
  /** Import `record` until it is done or failed, or until `signal` stops it (it stays `running`, to be resumed). */
  run(record: ImportRecord, context: ImportContext, signal: AbortSignal): Promise<void>;
  /** Let go of what it holds, once no import runs. */
  close(): void;
}

/**
 * Imports on this thread: rows through `rows`, the import's state through `client`.
 * @example const runner = importsOnThisThread(new ClientRowSink(client), client);
 */
export const importsOnThisThread = (rows: RowSink, client: Client): ImportRunner => {
  const store = new ImportStore(client);
  return {
    run: (record, { events, log, maxUnzippedBytes }, signal) =>
      runImport(record, { rows, store, events, log, now: Date.now, maxUnzippedBytes }, signal),
    close() {},
  };
};
