import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { type Client, createClient } from "@libsql/client";
import { migrate } from "./migrations.ts";

/**
 * Open the database at `url` (a `file:` path or a libSQL server), tune file databases
 * for a write-heavy workload and apply pending migrations.
 * @example const db = await openDatabase("file:data/tickertape.db");
 */
export async function openDatabase(url: string): Promise<Client> {
  try {
    const filePath = url.startsWith("file:") ? url.slice("file:".length) : undefined;
    if (filePath && filePath !== ":memory:") mkdirSync(dirname(filePath), { recursive: true });
    const db = createClient({ url });
    if (filePath) {
      await db.execute("PRAGMA journal_mode = WAL");
      await db.execute("PRAGMA synchronous = NORMAL");
      await db.execute("PRAGMA busy_timeout = 5000");
    }
    await migrate(db);
    return db;
  } catch (error) {
    throw new Error(
      `cannot open the database at ${url} (is its directory writable?): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
