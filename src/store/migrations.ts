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
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

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
        { sql: "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)", args: [migration.version, Date.now()] },
      ],
      "write",
    );
  }
}
