import type Database from "libsql";

/** A secondary index that a first import may leave out while it loads, then build once at its end. */
interface DeferredIndex {
  table: string;
  name: string;
  /** Exactly as B3_MIGRATIONS creates it. */
  create: string;
}

/**
 * The secondary indexes of the import's tables. Kept up to date row by row, each transaction dirties
 * pages all over them (a day's quotes touch one `quotes_ticker` leaf per ticker); built once from the
 * loaded table, they cost one sorted pass.
 */
const DEFERRED: readonly DeferredIndex[] = [
  {
    table: "quotes",
    name: "quotes_ticker",
    create: "CREATE INDEX IF NOT EXISTS quotes_ticker ON quotes (ticker, date)",
  },
  {
    table: "trades",
    name: "trades_instrument",
    create: "CREATE INDEX IF NOT EXISTS trades_instrument ON trades (instrument, trade_date)",
  },
];

const exists = (db: Database.Database, type: "table" | "index", name: string): boolean =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?").get([type, name]) !== undefined;

/**
 * Drop the secondary index of every import table that is empty now: the rows about to be loaded
 * go in without it, and `restoreIndexes` builds it at the end. (A non-empty table keeps its index:
 * building it again would cost more than the rows it saves.) Answers the indexes dropped.
 * @example const dropped = dropIndexesOfEmptyTables(db); … restoreIndexes(db);
 */
export function dropIndexesOfEmptyTables(db: Database.Database): string[] {
  const dropped: string[] = [];
  for (const index of DEFERRED) {
    if (!exists(db, "index", index.name)) continue;
    if (db.prepare(`SELECT 1 FROM ${index.table} LIMIT 1`).get() !== undefined) continue;
    db.exec(`DROP INDEX ${index.name}`);
    dropped.push(index.name);
  }
  return dropped;
}

/**
 * Create every deferred index that is missing (one sorted pass over its table): at the end of the
 * imports that dropped them, and when the importer's connection opens, in case a crash came first.
 * Answers the indexes built.
 */
export function restoreIndexes(db: Database.Database): string[] {
  const built: string[] = [];
  for (const index of DEFERRED) {
    if (!exists(db, "table", index.table) || exists(db, "index", index.name)) continue;
    db.exec(index.create);
    built.push(index.name);
  }
  return built;
}
