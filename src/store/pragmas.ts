import type { Client } from "@libsql/client";

/** What a connection may set beyond the settings every connection gets. */
export interface ConnectionTuning {
  /** This connection's page cache, in KiB. */
  cacheKib?: number;
  /** WAL pages before this connection checkpoints (SQLite's default is 1000). */
  walCheckpointPages?: number;
  /** After a checkpoint the WAL file is truncated back to this many bytes. */
  walSizeLimitBytes?: number;
}

/**
 * The one place SQLite pragmas are set. A connection to a `file:` database gets WAL,
 * `synchronous=NORMAL` and a 5 s busy timeout, then the `tuning` it asks for; a libSQL
 * server tunes itself, so nothing is sent to one.
 * @example await applyPragmas(db, "file:data/tickertape.db", { cacheKib: 16 * 1024 });
 */
export async function applyPragmas(db: Client, url: string, tuning: ConnectionTuning = {}): Promise<void> {
  if (!url.startsWith("file:")) return;
  await db.execute("PRAGMA journal_mode = WAL");
  await db.execute("PRAGMA synchronous = NORMAL");
  await db.execute("PRAGMA busy_timeout = 5000");
  if (tuning.cacheKib !== undefined) await db.execute(`PRAGMA cache_size = -${tuning.cacheKib}`);
  if (tuning.walCheckpointPages !== undefined)
    await db.execute(`PRAGMA wal_autocheckpoint = ${tuning.walCheckpointPages}`);
  if (tuning.walSizeLimitBytes !== undefined)
    await db.execute(`PRAGMA journal_size_limit = ${tuning.walSizeLimitBytes}`);
}
