import type { Client } from "@libsql/client";

/** One schema change of a feature; a version is applied once, in a transaction, and never edited. */
export interface Migration {
  /** Unique across every feature's list: the order in which a fresh database gets its schema. */
  version: number;
  statements: readonly string[];
}

/** The migrations in version order; two migrations with one version are refused. */
function inVersionOrder(migrations: readonly Migration[]): Migration[] {
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  for (const [i, migration] of ordered.entries())
    if (ordered[i - 1]?.version === migration.version)
      throw new Error(`two schema migrations have version ${migration.version}: each needs its own`);
  return ordered;
}

/** The versions `db` has had. */
async function appliedVersions(db: Client): Promise<Set<number>> {
  const applied = await db.execute("SELECT version FROM schema_migrations");
  return new Set(applied.rows.map((row) => Number(row.version)));
}

/**
 * Apply the migrations `db` has not had yet, lowest version first. The lists come from the
 * features that own the tables (the store knows none of them). Nodes starting together on one
 * libSQL server race for each version: a migration's batch that fails because another node
 * committed that version first (its tables exist, its version is recorded) is not an error.
 * @example await migrate(db, [...TICK_MIGRATIONS, ...PORTFOLIO_MIGRATIONS]);
 */
export async function migrate(db: Client, migrations: readonly Migration[]): Promise<void> {
  const ordered = inVersionOrder(migrations);
  await db.execute(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)",
  );
  let done = await appliedVersions(db);
  for (const migration of ordered) {
    if (done.has(migration.version)) continue;
    try {
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
    } catch (error) {
      done = await appliedVersions(db);
      if (!done.has(migration.version)) throw error;
    }
  }
}
