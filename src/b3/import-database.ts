import { type Client, createClient } from "@libsql/client";
import { applyPragmas, type ConnectionTuning } from "../store/pragmas.ts";
import { ClientRowSink } from "./client-row-sink.ts";
import { ROWS_PER_TRANSACTION } from "./file-row-sink.ts";
import type { RowSink } from "./row-sink.ts";
import { WorkerRowSink } from "./worker-row-sink.ts";

/** Pages the importer's connection keeps in memory (KiB); measured: more buys little, and costs RSS. */
const CACHE_KIB = 16 * 1024;
/**
 * WAL pages before this connection checkpoints (SQLite's default is 1000). A trading day's batches
 * touch one `quotes_ticker` leaf page per ticker; a checkpoint copies a page to the database file
 * once however often it was rewritten since the last one, so a WAL spanning several days saves most
 * of those copies. Measured on a 2-million-record year (profiling harness): 10 000 pages 32.7 k,
 * 40 000 pages 38.6 k records/s, same RSS, for a WAL of up to ~160 MB on disk.
 */
const WAL_CHECKPOINT_PAGES = 40_000;
/** After a checkpoint the WAL file is truncated back to this size, so the disk is given back after an import. */
const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;
const TUNING: ConnectionTuning = {
  cacheKib: CACHE_KIB,
  walCheckpointPages: WAL_CHECKPOINT_PAGES,
  walSizeLimitBytes: WAL_SIZE_LIMIT_BYTES,
};

/** The importer's connections: its state through `client`, its rows through `rows`. */
export interface ImportDatabase {
  /** The `imports` table and the removal of a failed import's rows. */
  client: Client;
  rows: RowSink;
  close(): void;
}

/** How rows are written: `libsql`'s own driver (`file:` databases only), or `@libsql/client` (any URL). */
export type RowPath = "file" | "client";

/** The path for `url`: the file driver wherever it can open the database. */
const rowPathFor = (url: string): RowPath => (url.startsWith("file:") && !url.includes(":memory:") ? "file" : "client");

/**
 * The settings of the import worker's `libsql` connection. Temporary tables and sorts go to files:
 * this build of libSQL keeps them in memory by default, and building `quotes_ticker` on 2 million
 * rows then took the server's peak RSS from about 180 to 290 MB.
 */
const WORKER_PRAGMAS = [
  "PRAGMA journal_mode = WAL",
  "PRAGMA synchronous = NORMAL",
  "PRAGMA busy_timeout = 5000",
  `PRAGMA cache_size = -${CACHE_KIB}`,
  `PRAGMA wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`,
  `PRAGMA journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`,
  `PRAGMA temp_store = FILE`,
].join("; ");

/**
 * The importer's own connections to the database `openDatabase` opened and migrated (with
 * B3_MIGRATIONS among the lists), with a larger page cache and rarer checkpoints than the app's.
 * Rows go through `libsql`'s driver with reusable prepared statements for a `file:` database, and
 * through `@libsql/client` otherwise (a libSQL server, with its `authToken`); `path` forces one
 * (tests compare them).
 * @example const importDb = await openImportDatabase(config.databaseUrl, { authToken }); … importDb.close();
 */
export async function openImportDatabase(
  url: string,
  options: { path?: RowPath; authToken?: string } = {},
): Promise<ImportDatabase> {
  const path = options.path ?? rowPathFor(url);
  const client = createClient({ url, authToken: options.authToken, concurrency: 1 });
  await applyPragmas(client, url, TUNING);
  if (path === "client") return { client, rows: new ClientRowSink(client), close: () => client.close() };
  const rows = await WorkerRowSink.open(
    url.slice("file:".length).split("?")[0] ?? "",
    WORKER_PRAGMAS,
    ROWS_PER_TRANSACTION,
  ).catch((error: unknown) => {
    client.close();
    throw error;
  });
  return {
    client,
    rows,
    close() {
      rows.close();
      client.close();
    },
  };
}
