/**
 * `bun run bench`: throughput figures of Tickertape's hot paths, each against a baseline
 * measured in the same run. Prints tables; asserts nothing. Everything stays on 127.0.0.1
 * and in temp directories, which are removed. See scripts/bench/ for the sections.
 */
import { arch, cpus, platform } from "node:os";
import { benchFanOut } from "./bench/fan-out.ts";
import { benchHttp } from "./bench/http.ts";
import { benchPersistence } from "./bench/persistence.ts";
import { benchSse } from "./bench/sse.ts";

const started = performance.now();
const cores = cpus();
console.log(
  `Tickertape bench — ${cores.length} cores (${cores[0]?.model ?? "unknown CPU"}), Bun ${Bun.version}, ${platform()}-${arch()}`,
);

await benchPersistence();
await benchFanOut();
await benchHttp();
await benchSse();

console.log(`\ndone in ${((performance.now() - started) / 1000).toFixed(1)} s`);
