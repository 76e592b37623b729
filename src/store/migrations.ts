import type { Client } from "@libsql/client";

/** Ordered schema changes; a version is applied once, in a transaction, and never edited. */
const MIGRATIONS: readonly { version: number; statements: readonly string[] }[] = [
  {
    version: 1,
    statements: [
      `CREATE TABLE ticks (
         id INTEGER PRIMARY KEY,
         symbol TEXT NOT NULL,
         seq INTEGER NOT NULL,
         price REAL NOT NULL,
         prev_price REAL NOT NULL,
         change REAL NOT NULL,
         change_percent REAL NOT NULL,
         ts INTEGER NOT NULL,
         UNIQUE (symbol, seq)
       )`,
    ],
  },
  {
    version: 2,
    statements: [
      `CREATE TABLE portfolios (
         slug TEXT PRIMARY KEY,
         base_currency TEXT NOT NULL,
         holdings TEXT NOT NULL,
         stats TEXT,
         created_at INTEGER NOT NULL,
         updated_at INTEGER NOT NULL
       )`,
      `CREATE TABLE portfolio_visits (
         slug TEXT NOT NULL,
         week TEXT NOT NULL,
         visits INTEGER NOT NULL,
         PRIMARY KEY (slug, week)
       )`,
    ],
  },
  {
    version: 3,
    statements: [
      `CREATE TABLE imports (
         id INTEGER PRIMARY KEY,
         file_name TEXT NOT NULL,
         stored_path TEXT NOT NULL,
         format TEXT NOT NULL,
         bytes INTEGER NOT NULL,
         status TEXT NOT NULL,
         lines_read INTEGER NOT NULL DEFAULT 0,
         bytes_read INTEGER NOT NULL DEFAULT 0,
         rows_inserted INTEGER NOT NULL DEFAULT 0,
         rows_duplicate INTEGER NOT NULL DEFAULT 0,
         rows_rejected INTEGER NOT NULL DEFAULT 0,
         rows_cancelled INTEGER NOT NULL DEFAULT 0,
         errors TEXT NOT NULL DEFAULT '[]',
         failure TEXT,
         tickers TEXT NOT NULL DEFAULT '[]',
         created_at INTEGER NOT NULL,
         started_at INTEGER,
         finished_at INTEGER
       )`,
      `CREATE INDEX imports_status ON imports (status)`,
      `CREATE TABLE quotes (
         date TEXT NOT NULL,
         ticker TEXT NOT NULL,
         market INTEGER NOT NULL,
         term TEXT NOT NULL,
         bdi TEXT NOT NULL,
         issuer TEXT NOT NULL,
         share_type TEXT NOT NULL,
         currency TEXT NOT NULL,
         open REAL NOT NULL,
         high REAL NOT NULL,
         low REAL NOT NULL,
         average REAL NOT NULL,
         close REAL NOT NULL,
         best_bid REAL NOT NULL,
         best_ask REAL NOT NULL,
         trades INTEGER NOT NULL,
         quantity INTEGER NOT NULL,
         volume REAL NOT NULL,
         strike REAL NOT NULL,
         strike_correction TEXT NOT NULL,
         expiry TEXT,
         factor INTEGER NOT NULL,
         strike_points REAL NOT NULL,
         isin TEXT NOT NULL,
         distribution TEXT NOT NULL,
         import_id INTEGER NOT NULL,
         PRIMARY KEY (date, ticker, market, term)
       ) WITHOUT ROWID`,
      `CREATE INDEX quotes_ticker ON quotes (ticker, date)`,
      `CREATE TABLE trades (
         trade_date TEXT NOT NULL,
         instrument TEXT NOT NULL,
         trade_id TEXT NOT NULL,
         price REAL NOT NULL,
         quantity INTEGER NOT NULL,
         close_time TEXT NOT NULL,
         session_type TEXT NOT NULL,
         reference_date TEXT NOT NULL,
         buyer TEXT NOT NULL,
         seller TEXT NOT NULL,
         channel TEXT,
         import_id INTEGER NOT NULL,
         PRIMARY KEY (trade_date, instrument, trade_id)
       ) WITHOUT ROWID`,
      `CREATE INDEX trades_instrument ON trades (instrument, trade_date)`,
      `CREATE TABLE trade_cancellations (
         trade_date TEXT NOT NULL,
         instrument TEXT NOT NULL,
         trade_id TEXT NOT NULL,
         import_id INTEGER NOT NULL,
         PRIMARY KEY (trade_date, instrument, trade_id)
       ) WITHOUT ROWID`,
    ],
  },
  {
    version: 4,
    statements: [
      // Who visited which portfolio today: a visit counts once per visitor per portfolio per UTC day.
      `CREATE TABLE portfolio_visitors (
         day TEXT NOT NULL,
         slug TEXT NOT NULL,
         visitor TEXT NOT NULL,
         PRIMARY KEY (day, slug, visitor)
       ) WITHOUT ROWID`,
    ],
  },
];

export async function migrate(db: Client): Promise<void> {
  await db.execute(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)",
  );
  const applied = await db.execute("SELECT version FROM schema_migrations");
  const done = new Set(applied.rows.map((row) => Number(row.version)));
  for (const migration of MIGRATIONS) {
    if (done.has(migration.version)) continue;
    await db.batch(
      [
        ...migration.statements,
        {
          sql: "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
          args: [migration.version, Date.now()],
        },
      ],
      "write",
    );
  }
}
