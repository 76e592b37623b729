import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config.ts";
import { createLogger } from "../../src/log.ts";
import { createRuntime, type Runtime } from "../../src/runtime.ts";
import { ManualSource } from "./manual-source.ts";

export interface TestRuntime extends Runtime {
  source: ManualSource;
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

/** The whole runtime on a real libSQL file, with prices pushed by hand. */
export async function startTestRuntime(env: Record<string, string> = {}, dir = tempDir().dir): Promise<TestRuntime> {
  const databaseUrl = `file:${join(dir, "tickertape.db")}`;
  const config = loadConfig({ DATABASE_URL: databaseUrl, SYMBOLS: "AAPL,MSFT,TSLA", LOG_LEVEL: "silent", ...env });
  const source = new ManualSource();
  const runtime = await createRuntime(config, createLogger("silent"), source);
  return { ...runtime, source, dir, databaseUrl, get: (path, init) => Promise.resolve(runtime.app.request(`http://localhost${path}`, init)) };
}
