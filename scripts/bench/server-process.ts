/** The real server as its own process, started as `bun run start` starts it: a black box on 127.0.0.1. */
import { join } from "node:path";
import { fetchWithin } from "./bounded-fetch.ts";
import { type Service, startService, withService } from "./service.ts";
import { withTempDir } from "./temp-dir.ts";

const MAIN = join(import.meta.dir, "../../src/main.ts");
/** README, "Configuration": without `SYMBOLS`, the server quotes six symbols. */
const DEFAULT_SYMBOL_COUNT = 6;

/** The environment of every bench server: 127.0.0.1, a libSQL file and uploads in `dir`, no log. */
export const serverEnv = (dir: string): Record<string, string> => ({
  HOST: "127.0.0.1",
  DATABASE_URL: `file:${join(dir, "bench.db")}`,
  DATA_DIR: join(dir, "data"),
  LOG_LEVEL: "silent",
});

/**
 * Start the real server in its own process (`src/main.ts`; SIGTERM stops it) on the database in
 * `dir`, resolved once `GET /api/prices` has a price for every symbol. Its CPU time and RSS are
 * then its own (read from `/proc/<pid>`), and the bench imports nothing from `src/`. Started twice
 * on the same `dir`, it resumes from what the first one (or the bench, in between) stored.
 * @example await withService(startServerProcess(dir, { SYMBOLS: "AAPL" }), async (server) => …);
 */
export function startServerProcess(dir: string, env: Record<string, string>): Promise<Service> {
  const symbols = env.SYMBOLS?.split(",").length ?? DEFAULT_SYMBOL_COUNT;
  const everyPriced = async (url: string) => {
    const res = await fetchWithin(`${url}/api/prices`);
    return res.ok && ((await res.json()) as { prices: unknown[] }).prices.length >= symbols;
  };
  return startService([process.execPath, MAIN], { ...serverEnv(dir), ...env }, everyPriced);
}

/**
 * Run `fn` against the real server in its own process on a fresh temp database (see `startServerProcess`).
 * @example await withServerProcess({ TICK_MS: "100" }, async (server) => fetch(`${server.url}/health/ready`));
 */
export async function withServerProcess<T>(
  env: Record<string, string>,
  fn: (server: Service) => Promise<T>,
): Promise<T> {
  return withTempDir((dir) => withService(startServerProcess(dir, env), fn));
}
