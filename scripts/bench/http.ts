/** Section 2 (`http`): HTTP request rate of the real server — /api/prices and the dashboard vs /health/live. */
import { httpLoader } from "./http-load.ts";
import type { HttpLoadResult } from "./load-client.ts";
import { millis, printTable, times, whole } from "./report.ts";
import { withBenchServer } from "./support.ts";

const CONNECTIONS = 64;
const SECONDS = 5;
const PATHS = ["/health/live", "/api/prices", "/"] as const;

export async function benchHttp(): Promise<void> {
  const loader = httpLoader({ threads: 2, connections: CONNECTIONS, seconds: SECONDS });
  const results = await withBenchServer({ TICK_MS: "100" }, async (server) => {
    const measured = [];
    for (const path of PATHS) {
      const url = new URL(path, server.url).href;
      const check = await fetch(url);
      if (!check.ok) throw new Error(`GET ${path} answered ${check.status}`);
      await check.arrayBuffer();
      measured.push({ path, ...(await loader.load(url)) });
    }
    return measured;
  });

  const rate = (r: HttpLoadResult) => r.requests / r.seconds;
  const baseline = results[0]!;
  printTable(
    `2. HTTP — real server on 127.0.0.1, ${CONNECTIONS} connections for ${SECONDS} s, ${loader.description}`,
    ["path", "requests", "req/s", "p50", "p99", "errors", "vs /health/live"],
    results.map((r) => [
      r.path === "/health/live" ? `${r.path} (baseline)` : r.path,
      whole(r.requests),
      whole(rate(r)),
      millis(r.p50Ms),
      millis(r.p99Ms),
      whole(r.errors),
      times(rate(r), rate(baseline)),
    ]),
    ["server: TICK_MS=100, 6 symbols, in this process; the load generator runs on the same machine"],
  );
}
