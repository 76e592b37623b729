import { afterAll, beforeAll } from "bun:test";
import { join } from "node:path";
import { loadConfig } from "../../src/config.ts";
import { createLogger } from "../../src/log.ts";
import { type RunningServer, startServer } from "../../src/server.ts";
import { tempDir } from "./test-runtime.ts";

/**
 * For a test file: the real server listening on a free loopback port, on a fresh libSQL file,
 * started before its tests and stopped (its files removed) after them.
 * @example const ctx = useListeningServer(); … fetch(`${ctx.server.url}health/live`)
 */
export function useListeningServer(env: Record<string, string> = {}): { server: RunningServer } {
  const temp = tempDir();
  const ctx = {} as { server: RunningServer };
  beforeAll(async () => {
    const config = loadConfig({
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${join(temp.dir, "t.db")}`,
      LOG_LEVEL: "silent",
      ...env,
    });
    ctx.server = await startServer(config, createLogger("silent"));
  });
  afterAll(async () => {
    await ctx.server.stop();
    temp.remove();
  });
  return ctx;
}
