/** Temp directories for the bench's databases and plans, always removed. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Run `fn` with a fresh temp directory, removed afterwards whatever happens.
 * @example await withTempDir(async (dir) => Bun.write(join(dir, "plan.json"), "{}"));
 */
export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "tickertape-bench-"));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
