/**
 * Section 5 (`pages`): server-rendered pages of the real server (its own process) — the board, a symbol and a
 * portfolio of 20 holdings — against a raw Bun server answering the same bytes, measured in the same run.
 */
import { join } from "node:path";
import { createBenchPortfolio, EVENTS_TOKEN, seedPriceHistory } from "./bench-events.ts";
import { fetchWithin } from "./bounded-fetch.ts";
import { httpLoader } from "./http-load.ts";
import type { HttpLoadResult } from "./load-client.ts";
import { busyElsewhereSeconds, cpuSeconds } from "./proc-usage.ts";
import type { RawPage } from "./raw-page.ts";
import { whole } from "./report.ts";
import { writeResults } from "./results.ts";
import { withServerProcess } from "./server-process.ts";
import { type Service, startService, withService } from "./service.ts";
import { withTempDir } from "./temp-dir.ts";
import { absolute, informative, noiseNote, printVerdicts, relative, type Verdict } from "./verdicts.ts";

const CONNECTIONS = 64;
const SECONDS = 5;
/** One wrk thread: one of the 2 cores for the load, the other left to the server. */
const WRK_THREADS = 1;
/** Ticks given to every symbol first, as on a server that has run a while: `/s/:symbol` charts the last 300. */
const HISTORY_TICKS = 300;
const RAW_PAGE = join(import.meta.dir, "raw-page.ts");
/** Headers that describe the connection or this answer's framing, not the page: the baseline sets its own. */
const FRAMING = new Set(["content-length", "transfer-encoding", "connection", "keep-alive", "date"]);

/** One page loaded: what the load generator saw, and the CPU the server and the rest of the machine used meanwhile. */
type Load = HttpLoadResult & {
  path: string;
  /** The server's (or baseline's) CPU seconds per wall second (1 = one core). */
  serverCpu: number;
  /** The same for every process but the server and the load generator: noise when high. */
  otherCpu: number;
};

/** `GET path` once: the page the baseline will answer, and a check that it is a 200. */
async function record(url: string, path: string): Promise<RawPage> {
  const res = await fetchWithin(`${url}${path}`);
  const body = await res.text();
  if (!res.ok) throw new Error(`GET ${path} answered ${res.status}`);
  return { path, headers: [...res.headers].filter(([name]) => !FRAMING.has(name.toLowerCase())), body };
}

/** Load each of `paths` on `service` in turn, reading CPU times around each load. */
async function loadEach(service: Service, paths: string[], load: (url: string) => Promise<HttpLoadResult>) {
  const loads: Load[] = [];
  for (const path of paths) {
    const before = { at: performance.now(), server: cpuSeconds(service.pid), elsewhere: busyElsewhereSeconds() };
    const result = await load(`${service.url}${path}`);
    const wall = (performance.now() - before.at) / 1000;
    const server = cpuSeconds(service.pid) - before.server;
    const elsewhere = busyElsewhereSeconds() - before.elsewhere;
    // Clocks tick at 10 ms: a quiet machine can come out a little below zero.
    const other = Math.max(0, elsewhere - server - result.cpuSeconds);
    loads.push({ path, ...result, serverCpu: server / wall, otherCpu: other / wall });
  }
  return loads;
}

/** The real server: a fresh process and database, a full price history and the portfolio, each page recorded then loaded. */
function measureServer(load: (url: string) => Promise<HttpLoadResult>) {
  return withServerProcess({ TICK_MS: "100", EVENTS_TOKEN }, async (server) => {
    await seedPriceHistory(server.url, HISTORY_TICKS);
    const paths = ["/", "/s/AAPL", await createBenchPortfolio(server.url)];
    const pages: RawPage[] = [];
    for (const path of paths) pages.push(await record(server.url, path));
    return { pages, loads: await loadEach(server, paths, load) };
  });
}

/** The raw page server, answering the recorded pages. */
function measureBaseline(pages: RawPage[], load: (url: string) => Promise<HttpLoadResult>) {
  return withTempDir(async (dir) => {
    const file = join(dir, "pages.json");
    await Bun.write(file, JSON.stringify(pages));
    const ready = async (url: string) => (await fetchWithin(`${url}${pages[0]?.path}`)).ok;
    const baseline = startService([process.execPath, RAW_PAGE, file], {}, ready);
    return withService(baseline, (service) =>
      loadEach(
        service,
        pages.map((p) => p.path),
        load,
      ),
    );
  });
}

const rate = (r: HttpLoadResult) => r.requests / r.seconds;

function verdicts(page: RawPage, server: Load, baseline: Load): Verdict[] {
  const name = `GET ${page.path}`;
  return [
    relative(`${name} req/s`, "/s", rate(server), rate(baseline), { at: "least", of: 0.4 }),
    absolute(`${name} p99 latency`, " ms", server.p99Ms ?? NaN, baseline.p99Ms ?? NaN, { at: "most", of: 20 }),
    informative(`${name} p50 latency`, " ms", server.p50Ms ?? NaN, baseline.p50Ms ?? NaN),
    informative(`${name} errors`, "", server.errors, baseline.errors),
    informative(`${name} server CPU, % of one core`, "%", server.serverCpu * 100, baseline.serverCpu * 100),
    informative(`${name} other processes' CPU (noise)`, "%", server.otherCpu * 100, baseline.otherCpu * 100),
  ];
}

/**
 * Load each page on the real server, then the same bytes on the baseline; print the table, write the JSON.
 * @example await benchPages(); // `bun run bench pages`
 */
export async function benchPages(): Promise<void> {
  const loader = httpLoader({ threads: WRK_THREADS, connections: CONNECTIONS, seconds: SECONDS });
  const { pages, loads: server } = await measureServer(loader.load);
  const baseline = await measureBaseline(pages, loader.load);
  const found = pages.flatMap((page, i) => verdicts(page, server[i] as Load, baseline[i] as Load));
  printVerdicts(
    `5. Pages — real server (its own process, TICK_MS=100) vs raw Bun.serve answering the same bytes, ${loader.description}`,
    "baseline",
    found,
    [
      `page bytes: ${pages.map((p) => `${p.path} ${whole(Buffer.byteLength(p.body))} B`).join(", ")} ` +
        `(${pages[2]?.path}: a portfolio of 20 holdings); the baseline answers the same body and headers`,
      `every symbol given ${HISTORY_TICKS} ticks first (/s/:symbol charts the last 300, beyond memory from libSQL)`,
      `the load generator runs on the same machine: ${WRK_THREADS} wrk thread, the server on the other core`,
      ...noiseNote([...server, ...baseline].map((load) => load.otherCpu)),
    ],
  );
  const results = {
    connections: CONNECTIONS,
    seconds: SECONDS,
    loader: loader.description,
    server,
    baseline,
    verdicts: found,
  };
  console.log(`\n  results: ${await writeResults("pages", results)}`);
}
