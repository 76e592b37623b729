/**
 * `bun run bench [section …]`: throughput figures of Tickertape's hot paths, each against a baseline
 * measured in the same run. Prints tables; asserts nothing. Everything stays on 127.0.0.1 and in
 * temp directories, which are removed; `fanout`, `pages` and `export` also write JSON to `bench/results/`.
 * No section named: all of them, in order. See scripts/bench/ for each.
 *
 *   bun run bench                 # every section
 *   bun run bench fanout pages    # these two
 */
import { arch, cpus, platform } from "node:os";

/** Each section, loaded only when it runs: one whose imports broke does not stop the others. */
const SECTIONS: Record<string, () => Promise<void>> = {
  persistence: async () => (await import("./bench/persistence.ts")).benchPersistence(),
  http: async () => (await import("./bench/http.ts")).benchHttp(),
  sse: async () => (await import("./bench/sse.ts")).benchSse(),
  fanout: async () => (await import("./bench/fanout.ts")).benchFanout(),
  pages: async () => (await import("./bench/pages.ts")).benchPages(),
  export: async () => (await import("./bench/export.ts")).benchExport(),
  import: async () => (await import("./bench/import.ts")).benchImport(),
  cluster: async () => (await import("./bench/cluster.ts")).benchCluster(),
};

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in SECTIONS));
if (unknown.length > 0) {
  console.error(`unknown section ${unknown.join(", ")}: expected any of ${Object.keys(SECTIONS).join(", ")}`);
  process.exit(2);
}

const started = performance.now();
const cores = cpus();
console.log(
  `Tickertape bench — ${cores.length} cores (${cores[0]?.model ?? "unknown CPU"}), Bun ${Bun.version}, ${platform()}-${arch()}`,
);

const failed: string[] = [];
for (const name of asked.length > 0 ? asked : Object.keys(SECTIONS)) {
  try {
    await SECTIONS[name]?.();
  } catch (error) {
    console.error(`\nsection ${name} failed:`, error);
    failed.push(name);
  }
}

console.log(`\ndone in ${((performance.now() - started) / 1000).toFixed(1)} s`);
if (failed.length > 0) {
  console.error(`failed: ${failed.join(", ")}`);
  process.exit(1);
}
