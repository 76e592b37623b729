import { type Client, createClient } from "@libsql/client";
import { applyPragmas } from "../store/pragmas.ts";

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

/**
 * The importer's own connection to the database `openDatabase` opened and migrated (with
 * B3_MIGRATIONS among the lists): one connection, so its settings hold for every batch, with a
 * larger page cache and rarer checkpoints than the app's.
 * @example const importDb = await openImportDatabase(config.databaseUrl);
 */
export async function openImportDatabase(url: string): Promise<Client> {
  const db = createClient({ url, concurrency: 1 });
  await applyPragmas(db, url, {
    cacheKib: CACHE_KIB,
    walCheckpointPages: WAL_CHECKPOINT_PAGES,
    walSizeLimitBytes: WAL_SIZE_LIMIT_BYTES,
  });
  return db;
}
