/** What the bench sections share: temp dirs, synthetic ticks, a real server, the load client. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_START_PRICES, loadConfig } from "../../src/config.ts";
import type { Tick } from "../../src/engine/tick.ts";
import { createLogger } from "../../src/log.ts";
import { type RunningServer, startServer } from "../../src/server.ts";
import { jsonLines } from "../json-lines.ts";

export const SYMBOLS = Object.keys(DEFAULT_START_PRICES);
export const silentLog = createLogger("silent");

/** Run `fn` with a fresh temp directory, removed afterwards whatever happens. */
export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "tickertape-bench-"));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

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

/** Resolves after the event loop has run every pending microtask. */
export const nextMacrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Run `fn` against the real server (`startServer`) on 127.0.0.1, an ephemeral port and a
 * temp libSQL file, once every symbol has a price; the server stops and the file goes afterwards.
 */
export async function withBenchServer<T>(
  env: Record<string, string>,
  fn: (server: RunningServer) => Promise<T>,
): Promise<T> {
  return withTempDir(async (dir) => {
    const config = loadConfig({
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${join(dir, "bench.db")}`,
      LOG_LEVEL: "silent",
      ...env,
    });
    const server = await startServer(config, silentLog);
    try {
      while (![...server.market.symbols].every((s) => server.market.latest(s))) await Bun.sleep(10);
      return await fn(server);
    } finally {
      await server.stop();
    }
  });
}

const LOAD_CLIENT = join(import.meta.dir, "load-client.ts");

/**
 * Run `load-client.ts` in its own Bun process (so it does not share the server's thread),
 * hand each JSON line it prints to `onMessage`, and return the last one.
 */
export async function runLoadClient<T>(
  args: string[],
  env: Record<string, string>,
  onMessage: (message: T) => void = () => {},
): Promise<T> {
  const proc = Bun.spawn([process.execPath, LOAD_CLIENT, ...args], {
    env: { ...process.env, ...env },
    stdout: "pipe",
    stderr: "pipe",
  });
  const stderr = new Response(proc.stderr).text();
  let last: T | undefined;
  for await (const message of jsonLines<T>(proc.stdout)) {
    last = message;
    onMessage(message);
  }
  const code = await proc.exited;
  if (code !== 0 || last === undefined)
    throw new Error(`load client ${args.join(" ")} exited with ${code}: ${await stderr}`);
  return last;
}
