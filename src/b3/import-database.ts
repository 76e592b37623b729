import { type Client, createClient } from "@libsql/client";
import { applyPragmas, type ConnectionTuning } from "../store/pragmas.ts";
import { takingTurns, WriteTurns } from "../store/write-turns.ts";
import { ClientRowSink } from "./client-row-sink.ts";
import { type ImportRunner, importsOnThisThread } from "./import-runner.ts";
import { WorkerImportRunner } from "./worker-import-runner.ts";

/** Pages the importer's connection keeps in memory (KiB) when its rows go through it; more bought little, and cost RSS. */
const CACHE_KIB = 16 * 1024;
/**
 * WAL pages before this connection checkpoints (SQLite's default is 1000). A trading day's batches
 * touch one `quotes_ticker` leaf page per ticker; a checkpoint copies a page to the database file
 * once however often it was rewritten since the last one, so a WAL spanning several days saves most
 * of those copies. Measured on a 2-million-record year (profiling harness): 10 000 pages 32.7 k,
 * 40 000 pages 38.6 k records/s, same RSS, for a WAL of up to ~160 MB on disk.
 */
const WAL_CHECKPOINT_PAGES = 40_000;
/**
 * Pages the import worker's rows connection keeps in memory (KiB). Measured on the 2-million-record
 * year: 8 MB imports as fast as 16 MB, with a peak RSS 6–12 MB lower (137–143 against 143–149 MB).
 */
const WORKER_CACHE_KIB = 8 * 1024;
/** After a checkpoint the WAL file is truncated back to this size, so the disk is given back after an import. */
const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;
/** The importer's connection to a `file:` database when its rows go through it (`path: "client"`). */
const TUNING: ConnectionTuning = {
  cacheKib: CACHE_KIB,
  walCheckpointPages: WAL_CHECKPOINT_PAGES,
  walSizeLimitBytes: WAL_SIZE_LIMIT_BYTES,
};

/** The importer's connection (`client`: its uploads and claims) and where its imports run (`runner`). */
export interface ImportDatabase {
  /** The `imports` table: uploads, their state, the claims on them. */
  client: Client;
  runner: ImportRunner;
  close(): void;
}

/** How rows are written: `libsql`'s own driver (`file:` databases only), or `@libsql/client` (any URL). */
export type RowPath = "file" | "client";

/** The path for `url`: the file driver wherever it can open the database. */
const rowPathFor = (url: string): RowPath => (url.startsWith("file:") && !url.includes(":memory:") ? "file" : "client");

/**
 * The settings of the import worker's `libsql` connection, where rows are written. Temporary tables and sorts go to files:
 * this build of libSQL keeps them in memory by default, and building `quotes_ticker` on 2 million
 * rows then took the server's peak RSS from about 180 to 290 MB.
 */
const WORKER_PRAGMAS = [
  "PRAGMA journal_mode = WAL",
  "PRAGMA synchronous = NORMAL",
  "PRAGMA busy_timeout = 5000",
  `PRAGMA cache_size = -${WORKER_CACHE_KIB}`,
  `PRAGMA wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`,
  `PRAGMA journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`,
  `PRAGMA temp_store = FILE`,
].join("; ");

/**
 * The importer's own connection to the database `openDatabase` opened and migrated (with
 * B3_MIGRATIONS among the lists), and where its imports run: for a `file:` database in the import
 * worker, rows through `libsql`'s driver with reusable prepared statements (the worker and this
 * connection write in `turns`, shared with the app's connection, and checkpoints are the worker's);
 * otherwise (a libSQL server, with its `authToken`) on this thread, through this connection, with a
 * larger page cache and rarer checkpoints than the app's. `path` forces one (tests compare them).
 * @example const importDb = await openImportDatabase(config.databaseUrl, { authToken, turns }); … importDb.close();
 */
export async function openImportDatabase(
  url: string,
  options: { path?: RowPath; authToken?: string; turns?: WriteTurns } = {},
): Promise<ImportDatabase> {
  const path = options.path ?? rowPathFor(url);
  const turns = options.turns ?? new WriteTurns();
  const own = createClient({ url, authToken: options.authToken, concurrency: 1 });
  const client = path === "file" ? takingTurns(own, (write) => turns.app(write)) : own;
  // With the worker, checkpoints are its own (import-worker.ts): none on this thread.
  await applyPragmas(client, url, path === "file" ? { walCheckpointPages: 0 } : TUNING);
  const runner =
    path === "client"
      ? importsOnThisThread(new ClientRowSink(client), client)
      : await WorkerImportRunner.open(url, WORKER_PRAGMAS, turns).catch((error: unknown) => {
          client.close();
          throw error;
        });
  return {
    client,
    runner,
    close() {
      runner.close();
      client.close();
    },
  };
}
