/** What the in-process sections share: synthetic ticks, timing, the real server in this process. */
import { DEFAULT_START_PRICES, loadConfig } from "../../src/config.ts";
import type { Tick } from "../../src/engine/tick.ts";
import { createLogger } from "../../src/log.ts";
import { type RunningServer, startServer } from "../../src/server.ts";
import { serverEnv } from "./server-process.ts";
import { withTempDir } from "./temp-dir.ts";

const SYMBOLS = Object.keys(DEFAULT_START_PRICES);
export const silentLog = createLogger("silent");

/** `count` ticks numbered 1…count, round-robin over `SYMBOLS`, each with its per-symbol seq. */
export function syntheticTicks(count: number): Tick[] {
  return Array.from({ length: count }, (_, i) => {
    const price = 100 + (i % 97) / 100;
    return {
      id: i + 1,
      symbol: SYMBOLS[i % SYMBOLS.length] ?? "AAPL",
      seq: Math.floor(i / SYMBOLS.length) + 1,
      price,
      prevPrice: 100,
      change: price - 100,
      changePercent: price - 100,
      ts: 1_700_000_000_000 + i,
    };
  });
}

/** Seconds elapsed since `startMs` (a `performance.now()` reading). */
export const secondsSince = (startMs: number): number => (performance.now() - startMs) / 1000;

/**
 * Process RSS after a full GC, with an event-loop turn in between so that native finalizers
 * have run (`Bun.gc(true)` returns before they do).
 */
export async function settledRss(): Promise<number> {
  Bun.gc(true);
  await Bun.sleep(50);
  Bun.gc(true);
  return process.memoryUsage().rss;
}

/**
 * Run `fn` against the real server (`startServer`) on 127.0.0.1, an ephemeral port and a
 * temp libSQL file, once every symbol has a price; the server stops and the file goes afterwards.
 */
export async function withBenchServer<T>(
  env: Record<string, string>,
  fn: (server: RunningServer) => Promise<T>,
): Promise<T> {
  return withTempDir(async (dir) => {
    const config = loadConfig({ ...serverEnv(dir), PORT: "0", ...env });
    const server = await startServer(config, silentLog);
    try {
      while (![...server.market.symbols].every((s) => server.market.latest(s))) await Bun.sleep(10);
      return await fn(server);
    } finally {
      await server.stop();
    }
  });
}
