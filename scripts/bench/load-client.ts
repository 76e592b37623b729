/**
 * The bench's load generator, run as its own Bun process by `runLoadClient`. Prints JSON lines.
 *
 *   http <url> <concurrency> <seconds>       → HttpLoadResult
 *   sse <baseUrl> <seconds> <path>=<n> …     → SseOpened once every stream answered, then SseLoadResult
 *
 * More than 256 concurrent connections need BUN_CONFIG_MAX_HTTP_REQUESTS in this process's env.
 */

export interface HttpLoadResult {
  requests: number;
  errors: number;
  seconds: number;
  p50Ms: number | undefined;
  p99Ms: number | undefined;
  /** CPU seconds the load generator itself used: what it took from the server's cores. */
  cpuSeconds: number;
}

export interface SseOpened {
  phase: "open";
  openMs: number;
}

export interface SseLoadResult {
  phase: "done";
  seconds: number;
  streams: { path: string; connections: number; events: number; bytes: number; ended: number }[];
}

/** Past the deadline, requests still waiting get this long before they are aborted (and count as errors). */
const GRACE_MS = 2000;
/** Every stream must answer within this, or the run fails instead of hanging. */
const OPEN_TIMEOUT_MS = 15_000;
const LF = 0x0a;
const D = 0x64;

/**
 * Counts SSE events (blank-line-terminated blocks with a `data:` line; comments and
 * `retry:`-only blocks are not events) in LF-framed bytes, across chunk boundaries —
 * cheap enough that the client is not the bottleneck.
 */
class SseEventCounter {
  events = 0;
  bytes = 0;
  #atLineStart = true;
  #blockHasData = false;

  feed(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte === LF) {
        if (this.#atLineStart && this.#blockHasData) this.events++;
        if (this.#atLineStart) this.#blockHasData = false;
        this.#atLineStart = true;
      } else {
        if (this.#atLineStart && byte === D) this.#blockHasData = true;
        this.#atLineStart = false;
      }
    }
  }

  reset(): void {
    this.events = 0;
    this.bytes = 0;
  }
}

const print = (message: HttpLoadResult | SseOpened | SseLoadResult) => console.log(JSON.stringify(message));

const percentile = (sorted: Float64Array, p: number): number | undefined =>
  sorted.length === 0 ? undefined : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

/** `concurrency` workers request `url` back to back for `seconds`; latency of every answered request. */
async function loadHttp(url: string, concurrency: number, seconds: number): Promise<HttpLoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  const giveUp = AbortSignal.timeout(seconds * 1000 + GRACE_MS);
  const worker = async () => {
    while (performance.now() < deadline) {
      const sent = performance.now();
      try {
        const res = await fetch(url, { signal: giveUp });
        await res.arrayBuffer();
        if (res.ok) latencies.push(performance.now() - sent);
        else errors++;
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const sorted = Float64Array.from(latencies).sort();
  const cpu = process.cpuUsage();
  return {
    requests: latencies.length,
    errors,
    seconds: (performance.now() - start) / 1000,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}

/** One open stream: counts what arrives until aborted; `ended` if it closed or failed first. */
function openSse(
  url: string,
  abort: AbortSignal,
): { counter: SseEventCounter; answered: Promise<void>; ended: () => boolean } {
  const counter = new SseEventCounter();
  let ended = false;
  const answered = Promise.withResolvers<void>();
  void (async () => {
    try {
      const res = await fetch(url, { signal: abort });
      if (!res.ok || !res.body) throw new Error(`${url} answered ${res.status}`);
      for await (const chunk of res.body) {
        counter.feed(chunk);
        answered.resolve();
      }
      ended = true;
    } catch (error) {
      if (abort.aborted) return;
      ended = true;
      answered.reject(error);
    }
  })();
  return { counter, answered: answered.promise, ended: () => ended && !abort.aborted };
}

/** Open every stream, wait until each has its first bytes, count events for `seconds`, report, then close them. */
async function loadSse(baseUrl: string, seconds: number, plan: { path: string; connections: number }[]): Promise<void> {
  const abort = new AbortController();
  const openStart = performance.now();
  const groups = plan.map(({ path, connections }) => ({
    path,
    streams: Array.from({ length: connections }, () => openSse(new URL(path, baseUrl).href, abort.signal)),
  }));
  const tooLate = setTimeout(() => {
    console.error(`not every stream answered within ${OPEN_TIMEOUT_MS} ms`);
    process.exit(1);
  }, OPEN_TIMEOUT_MS);
  await Promise.all(groups.flatMap((g) => g.streams.map((s) => s.answered)));
  clearTimeout(tooLate);
  print({ phase: "open", openMs: performance.now() - openStart });

  for (const group of groups) for (const stream of group.streams) stream.counter.reset();
  const start = performance.now();
  await Bun.sleep(seconds * 1000);
  const elapsed = (performance.now() - start) / 1000;
  const streams = groups.map(({ path, streams }) => ({
    path,
    connections: streams.length,
    events: streams.reduce((sum, s) => sum + s.counter.events, 0),
    bytes: streams.reduce((sum, s) => sum + s.counter.bytes, 0),
    ended: streams.filter((s) => s.ended()).length,
  }));
  print({ phase: "done", seconds: elapsed, streams });
  abort.abort();
}

const [mode, url = "", ...rest] = process.argv.slice(2);
if (mode === "http") {
  print(await loadHttp(url, Number(rest[0]), Number(rest[1])));
} else if (mode === "sse") {
  const plan = rest.slice(1).map((arg) => {
    const [path = "/", n = "1"] = arg.split("=");
    return { path, connections: Number(n) };
  });
  await loadSse(url, Number(rest[0]), plan);
} else {
  throw new Error(`unknown mode ${mode}: expected http or sse`);
}
process.exit(0);
