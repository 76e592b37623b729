import type { Client } from "@libsql/client";

export interface PruneBatchQuery {
  /** The batch looks at the ticks after this id. */
  afterId: number;
  /** Ticks with a `ts` before this (ms) are deleted. */
  cutoff: number;
  /** Ticks looked at: the next `size` by id. */
  size: number;
}

/** What one batch did. */
export interface PruneBatch {
  /** The last id it looked at, where the next batch starts; undefined when no tick is after `afterId`. */
  lastId: number | undefined;
  deleted: number;
}

/** The last id of the window: the `size` ticks after `afterId`. */
const WINDOW_END = "(SELECT MAX(id) FROM (SELECT id FROM ticks WHERE id > ?1 ORDER BY id LIMIT ?2))";

/**
 * One short write transaction: of the next `size` ticks after `afterId`, delete those older than
 * `cutoff`, except the last tick of each symbol (where the engine resumes its seq and price, and the
 * highest id among them, where it resumes ids). It reads the window through the primary key and
 * makes one (symbol, seq) index lookup per tick: its cost does not grow with the table.
 * @example const { lastId, deleted } = await pruneBatch(db, { afterId: 0, cutoff: Date.now() - 3_600_000, size: 2000 });
 */
export async function pruneBatch(db: Client, { afterId, cutoff, size }: PruneBatchQuery): Promise<PruneBatch> {
  const [window, deletion] = await db.batch(
    [
      { sql: `SELECT ${WINDOW_END} AS last`, args: [afterId, size] },
      {
        sql: `DELETE FROM ticks WHERE id > ?1 AND id <= ${WINDOW_END} AND ts < ?3
                AND EXISTS (SELECT 1 FROM ticks newer WHERE newer.symbol = ticks.symbol AND newer.seq > ticks.seq)`,
        args: [afterId, size, cutoff],
      },
    ],
    "write",
  );
  const last = window?.rows[0]?.last;
  return { lastId: last == null ? undefined : Number(last), deleted: deletion?.rowsAffected ?? 0 };
}
