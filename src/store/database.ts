import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { type Client, createClient } from "@libsql/client";
import { type Migration, migrate } from "./migrations.ts";
import { applyPragmas } from "./pragmas.ts";

/**
 * Open the database at `url` (a `file:` path or a libSQL server), tune file databases
 * for a write-heavy workload and apply the pending ones of `migrations` (every feature's list).
 * @example const db = await openDatabase("file:data/tickertape.db", [...TICK_MIGRATIONS, ...PORTFOLIO_MIGRATIONS]);
 */
export async function openDatabase(url: string, migrations: readonly Migration[]): Promise<Client> {
  try {
    const filePath = url.startsWith("file:") ? url.slice("file:".length) : undefined;
    if (filePath && filePath !== ":memory:") mkdirSync(dirname(filePath), { recursive: true });
    const db = createClient({ url });
    await applyPragmas(db, url);
    await migrate(db, migrations);
    return db;
  } catch (error) {
    throw new Error(
      `cannot open the database at ${url} (is its directory writable?): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
