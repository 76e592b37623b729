/** HTTP load at a fixed number of connections: wrk when installed, else the bench's Bun load client. */
import type { HttpLoadResult } from "./load-client.ts";
import { runLoadClient } from "./run-load-client.ts";

/** A way to load one URL for a while, and a line saying which. */
export interface HttpLoader {
  description: string;
  load(url: string): Promise<HttpLoadResult>;
}

export interface WrkArgs {
  /** wrk's threads (the Bun fallback is one process). */
  threads: number;
  connections: number;
  seconds: number;
}

/** A wrk latency like `1.23ms`, `850.00us` or `1.02s` in milliseconds. */
function wrkMillis(text: string | undefined): number | undefined {
  const match = text?.match(/^([\d.]+)(us|ms|s)$/);
  if (!match) return undefined;
  const scale = { us: 0.001, ms: 1, s: 1000 }[match[2] as "us" | "ms" | "s"];
  return Number(match[1]) * scale;
}

/** `wrk -t<threads> -c<connections> -d<seconds>s --latency url`, its report read back into numbers. */
async function loadWithWrk(wrk: string, url: string, args: WrkArgs): Promise<HttpLoadResult> {
  const { threads, connections, seconds } = args;
  const proc = Bun.spawn([wrk, `-t${threads}`, `-c${connections}`, `-d${seconds}s`, "--latency", url], {
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
    cpuSeconds: Number(proc.resourceUsage()?.cpuTime.total ?? 0n) / 1e6,
  };
}

/**
 * wrk (`apt-get install wrk`) with `threads` threads when it is on the PATH, else a Bun process
 * fetching with `connections` concurrent workers.
 * @example const loader = httpLoader({ threads: 2, connections: 64, seconds: 5 }); await loader.load(`${url}/`);
 */
export function httpLoader(args: WrkArgs): HttpLoader {
  const { threads, connections, seconds } = args;
  const wrk = Bun.which("wrk");
  if (wrk)
    return {
      description: `wrk -t${threads} -c${connections} -d${seconds}s (${wrk})`,
      load: (url) => loadWithWrk(wrk, url, args),
    };
  return {
    description: `wrk not found: Bun fetch loop in a subprocess, ${connections} workers for ${seconds} s`,
    load: (url) => runLoadClient<HttpLoadResult>(["http", url, String(connections), String(seconds)], {}),
  };
}
