import type { Client } from "@libsql/client";

/** What the database holds, for health checks. */
export interface StorageReport {
  /** The database's size: its pages (free ones included) times the page size. */
  bytes: number;
  /** Of which free pages, reused before the file grows (pruning frees pages, it does not shrink the file). */
  freeBytes: number;
  /** The first tick kept (lowest id); null before any tick. */
  oldestTick: { id: number; ts: number; at: string } | null;
}

/**
 * The database's size and its oldest kept tick: two lookups, whatever the size of the tables.
 * @example const { bytes, oldestTick } = await readStorageReport(db);
 */
export async function readStorageReport(db: Client): Promise<StorageReport> {
  const [pages, oldest] = await db.batch(
    [
      "SELECT * FROM pragma_page_count(), pragma_page_size(), pragma_freelist_count()",
      "SELECT id, ts FROM ticks ORDER BY id LIMIT 1",
    ],
    "read",
  );
  const size = pages?.rows[0];
  const tick = oldest?.rows[0];
  const pageSize = Number(size?.page_size ?? 0);
  return {
    bytes: Number(size?.page_count ?? 0) * pageSize,
    freeBytes: Number(size?.freelist_count ?? 0) * pageSize,
    oldestTick: tick ? { id: Number(tick.id), ts: Number(tick.ts), at: new Date(Number(tick.ts)).toISOString() } : null,
  };
}
