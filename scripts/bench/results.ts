/** A section's results as JSON in `bench/results/` (git-ignored), to compare runs before and after a change. */
import { mkdirSync } from "node:fs";
import { arch, cpus, platform } from "node:os";
import { join, relative } from "node:path";

const ROOT = join(import.meta.dir, "../..");
const RESULTS = join(ROOT, "bench/results");

/**
 * Write `bench/results/<section>-<ISO time>.json` (colons as `-`, for every file system) with the
 * machine's description and `results`; returns its path from the repository root.
 * @example await writeResults("fanout", { scenarios }) // "bench/results/fanout-2025-01-31T10-00-00.000Z.json"
 */
export async function writeResults(section: string, results: object): Promise<string> {
  const at = new Date().toISOString();
  const file = join(RESULTS, `${section}-${at.replaceAll(":", "-")}.json`);
  mkdirSync(RESULTS, { recursive: true });
  const machine = {
    cores: cpus().length,
    cpu: cpus()[0]?.model,
    bun: Bun.version,
    platform: `${platform()}-${arch()}`,
  };
  await Bun.write(file, `${JSON.stringify({ section, at, machine, ...results }, null, 2)}\n`);
  return relative(ROOT, file);
}
