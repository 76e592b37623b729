import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config.ts";
import type { PriceSource } from "../../src/engine/price-source.ts";
import { createLogger } from "../../src/log.ts";
import { createRuntime, type Runtime } from "../../src/runtime.ts";
import { ManualSource } from "./manual-source.ts";

export interface ConfiguredRuntime extends Runtime {
  dir: string;
  databaseUrl: string;
  /** `app.request` on a path. */
  get(path: string, init?: RequestInit): Promise<Response>;
}

/** A fresh temp directory for a libSQL file; removed by the returned function. */
export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "tickertape-test-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The whole runtime on a real libSQL file, with the source the environment configures (or `source`).
 * Every tick is kept unless `env` sets `TICK_RETENTION` (ManualSource's clock starts in 2023).
 */
export async function startConfiguredRuntime(
  env: Record<string, string>,
  source?: PriceSource,
): Promise<ConfiguredRuntime> {
  const dir = tempDir().dir;
  const databaseUrl = env.DATABASE_URL ?? `file:${join(dir, "tickertape.db")}`;
  const config = loadConfig({
    SYMBOLS: "AAPL,MSFT,TSLA",
    LOG_LEVEL: "silent",
    TICK_RETENTION: "0",
    // Tests send writes in bursts: no write limits unless a test sets them.
    EVENTS_RATE: "0",
    UPLOAD_RATE: "0",
    BOARD_RATE: "0",
    ...env,
    DATABASE_URL: databaseUrl,
  });
  const runtime = await createRuntime(config, createLogger("silent"), source);
  return {
    ...runtime,
    dir,
    databaseUrl,
    get: (path, init) => Promise.resolve(runtime.app.request(`http://localhost${path}`, init)),
  };
}

export type TestRuntime = ConfiguredRuntime & { source: ManualSource };

/** The whole runtime on a real libSQL file, with prices pushed by hand. */
export async function startTestRuntime(env: Record<string, string> = {}): Promise<TestRuntime> {
  const source = new ManualSource();
  const runtime = await startConfiguredRuntime(env, source);
  source.settled = () => runtime.writer.flush();
  return { ...runtime, source };
}
