/** Section 3: HTTP request rate of the real server — /api/prices and the dashboard vs /health/live. */
import type { HttpLoadResult } from "./load-client.ts";
import { millis, printTable, times, whole } from "./report.ts";
import { runLoadClient, withBenchServer } from "./support.ts";

const CONNECTIONS = 64;
const SECONDS = 5;
const PATHS = ["/health/live", "/api/prices", "/"] as const;

/** A wrk latency like `1.23ms`, `850.00us` or `1.02s` in milliseconds. */
function wrkMillis(text: string | undefined): number | undefined {
  const match = text?.match(/^([\d.]+)(us|ms|s)$/);
  if (!match) return undefined;
  const scale = { us: 0.001, ms: 1, s: 1000 }[match[2] as "us" | "ms" | "s"];
  return Number(match[1]) * scale;
}

/** `wrk -t2 -c64 -d5s --latency url`, its report read back into numbers. */
async function loadWithWrk(wrk: string, url: string): Promise<HttpLoadResult> {
  const proc = Bun.spawn([wrk, "-t2", `-c${CONNECTIONS}`, `-d${SECONDS}s`, "--latency", url], {
    stdout: "pipe",
    stderr: "pipe",
  });
  const [out, code] = await Promise.all([new Response(proc.stdout).text(), proc.exited]);
  if (code !== 0) throw new Error(`wrk exited with ${code}: ${await new Response(proc.stderr).text()}`);
  const number = (pattern: RegExp) => Number(out.match(pattern)?.[1] ?? 0);
  const socketErrors = out.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
  return {
    requests: number(/(\d+) requests in/),
    errors:
      number(/Non-2xx or 3xx responses: (\d+)/) +
      (socketErrors ? socketErrors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0),
    seconds: number(/requests in ([\d.]+)s/),
    p50Ms: wrkMillis(out.match(/^\s+50%\s+(\S+)/m)?.[1]),
    p99Ms: wrkMillis(out.match(/^\s+99%\s+(\S+)/m)?.[1]),
  };
}

/** The fallback without wrk: a Bun process fetching with 64 concurrent workers. */
const loadWithFetch = (url: string) =>
  runLoadClient<HttpLoadResult>(["http", url, String(CONNECTIONS), String(SECONDS)], {});

export async function benchHttp(): Promise<void> {
  const wrk = Bun.which("wrk");
  const results = await withBenchServer({ TICK_MS: "100" }, async (server) => {
    const measured = [];
    for (const path of PATHS) {
      const url = new URL(path, server.url).href;
      const check = await fetch(url);
      if (!check.ok) throw new Error(`GET ${path} answered ${check.status}`);
      await check.arrayBuffer();
      measured.push({ path, ...(await (wrk ? loadWithWrk(wrk, url) : loadWithFetch(url))) });
    }
    return measured;
  });

  const rate = (r: HttpLoadResult) => r.requests / r.seconds;
  const baseline = results[0]!;
  printTable(
    `3. HTTP — real server on 127.0.0.1, ${CONNECTIONS} connections for ${SECONDS} s, ` +
      (wrk ? `wrk -t2 -c${CONNECTIONS} -d${SECONDS}s (${wrk})` : "wrk not found: Bun fetch loop in a subprocess"),
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
