import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { type Client, createClient } from "@libsql/client";
import { type Migration, migrate } from "./migrations.ts";
import { applyPragmas } from "./pragmas.ts";
import { takingTurns, type WriteTurns } from "./write-turns.ts";

/** What to check when the database at `url` cannot be opened: the directory of a file, or the server. */
const openingHint = (url: string): string =>
  url.startsWith("file:") ? "is its directory writable?" : "is the libSQL server up, and DATABASE_AUTH_TOKEN right?";

/**
 * Open the database at `url` (a `file:` path or a libSQL server, with `authToken` when it asks
 * for one), tune file databases for a write-heavy workload and apply the pending ones of
 * `migrations` (every feature's list). Several nodes may open one server's database at once.
 * Given `turns`, a `file:` database is shared with the import worker: this connection writes in the
 * app's turns and leaves checkpoints to the worker (a checkpoint of an import's WAL, copying tens of MB,
 * held the event loop for tens of milliseconds after a tick's commit).
 * @example const db = await openDatabase("file:data/tickertape.db", [...TICK_MIGRATIONS, ...PORTFOLIO_MIGRATIONS]);
 * @example const db = await openDatabase("http://127.0.0.1:8080", TICK_MIGRATIONS, process.env.DATABASE_AUTH_TOKEN);
 */
export async function openDatabase(
  url: string,
  migrations: readonly Migration[],
  authToken?: string,
  turns?: WriteTurns,
): Promise<Client> {
  let db: Client | undefined;
  try {
    const filePath = url.startsWith("file:") ? url.slice("file:".length) : undefined;
    if (filePath && filePath !== ":memory:") mkdirSync(dirname(filePath), { recursive: true });
    db = createClient({ url, authToken });
    if (turns && filePath) db = takingTurns(db, (write) => turns.app(write));
    await applyPragmas(db, url, turns ? { walCheckpointPages: 0 } : {});
    await migrate(db, migrations);
    return db;
  } catch (error) {
    db?.close();
    throw new Error(
      `cannot open the database at ${url} (${openingHint(url)}): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
