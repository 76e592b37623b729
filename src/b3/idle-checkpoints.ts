import { statSync } from "node:fs";
import type Database from "libsql";
import type { WriteTurns } from "../store/write-turns.ts";

/** How often the import worker looks at the WAL while no import runs. */
const CHECKPOINT_EVERY_MS = 1000;

const walBytes = (walPath: string): number => statSync(walPath, { throwIfNoEntry: false })?.size ?? 0;

/**
 * Copy the WAL into the database without waiting for anyone (PASSIVE). Past the connection's
 * `journal_size_limit`, also cut the WAL file back to nothing (TRUNCATE), in the import's turn (no app
 * write then) and with no busy wait: a reader still on the WAL makes it give up at once, to try again later.
 */
async function checkpoint(db: Database.Database, walPath: string, turns: WriteTurns): Promise<void> {
  db.exec("PRAGMA wal_checkpoint(PASSIVE)");
  const { journal_size_limit: limit } = db.prepare("PRAGMA journal_size_limit").get() as { journal_size_limit: number };
  if (limit < 0 || walBytes(walPath) <= limit) return;
  await turns.import(async () => {
    const { timeout } = db.prepare("PRAGMA busy_timeout").get() as { timeout: number };
    db.exec("PRAGMA busy_timeout = 0");
    try {
      db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    } finally {
      db.exec(`PRAGMA busy_timeout = ${timeout}`);
    }
  });
}

/**
 * The checkpoints of a `file:` database whose other connections leave them to the import worker
 * (store/database.ts): every CHECKPOINT_EVERY_MS while `importing()` is false, through `db` (the worker's
 * rows connection; during an import it checkpoints by itself every `wal_autocheckpoint` pages). Answers
 * a function that stops them.
 * @example const stop = checkpointWhileIdle(db, "data/tickertape.db-wal", turns, () => running.size > 0);
 */
export function checkpointWhileIdle(
  db: Database.Database,
  walPath: string,
  turns: WriteTurns,
  importing: () => boolean,
): () => void {
  let timer: Timer | undefined;
  let stopped = false;
  const round = async () => {
    if (!importing())
      await checkpoint(db, walPath, turns).catch(() => {
        // One that cannot run now (another connection's is running, the disk is full) runs at the next round.
      });
    if (!stopped) timer = setTimeout(round, CHECKPOINT_EVERY_MS);
  };
  timer = setTimeout(round, CHECKPOINT_EVERY_MS);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
