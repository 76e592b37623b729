/**
 * Section 4 (`fanout`): SSE fan-out of the real server (its own process) to 5,000–10,000 streams, against a
 * raw Bun broadcaster sending the same bytes at the same rate, measured in the same run.
 */
import { join } from "node:path";
import { createBenchPortfolio, EVENTS_TOKEN, seedPriceHistory } from "./bench-events.ts";
import { fetchWithin } from "./bounded-fetch.ts";
import { type FanOutLoad, type FanOutMeasurement, measureFanOut } from "./fanout-measure.ts";
import type { BroadcastPlan } from "./raw-broadcaster.ts";
import { whole } from "./report.ts";
import { writeResults } from "./results.ts";
import { withServerProcess } from "./server-process.ts";
import { startService, withService } from "./service.ts";
import { sampleStream } from "./stream-sample.ts";
import { withTempDir } from "./temp-dir.ts";
import { absolute, informative, noiseNote, printVerdicts, relative, type Verdict } from "./verdicts.ts";

/** Counting time once every stream is open. */
const WINDOW_SECONDS = 10;
/** Load-client processes per scenario: 2 cores, and at most 5,000 sockets each. */
const PROCESSES = 2;
/** Streams whose tick seqs are checked (a decode and JSON.parse per tick: not all of them). */
const SEQ_SAMPLE = 50;
/** Tick rounds of one stream read to learn what the baseline must send. */
const SAMPLE_ROUNDS = 20;
/** Ticks given to every symbol before anything is measured: a symbol page's chart window (README). */
const HISTORY_TICKS = 300;
const RAW_BROADCASTER = join(import.meta.dir, "raw-broadcaster.ts");
const API = "/api/stream";

interface Scenario {
  name: string;
  connections: number;
  /** The server's TICK_MS: every symbol ticks once per round of this length. */
  tickMs: number;
  /** The stream's path on a started server (creating what it needs). */
  path: (url: string) => Promise<string>;
  /** Integration streams carry ticks with a `seq`: check them. */
  checksSeq: boolean;
}

const SCENARIOS: Scenario[] = [
  { name: `5,000 × ${API}`, connections: 5000, tickMs: 100, path: async () => API, checksSeq: true },
  {
    name: "5,000 × /board/stream",
    connections: 5000,
    tickMs: 100,
    path: async () => "/board/stream",
    checksSeq: false,
  },
  {
    name: "5,000 × /p/:slug/stream, 20 holdings",
    connections: 5000,
    tickMs: 100,
    path: async (url) => `${await createBenchPortfolio(url)}/stream`,
    checksSeq: false,
  },
  { name: `10,000 × ${API}, 2 ticks/s`, connections: 10_000, tickMs: 500, path: async () => API, checksSeq: true },
];

/** `checks.engine.lastTickId` of `GET /health/ready` (answered with 503 too, when not ready). */
async function readLastTickId(url: string): Promise<number> {
  const body = (await (await fetchWithin(`${url}/health/ready`)).json()) as {
    checks?: { engine?: { lastTickId?: number } };
  };
  const id = body.checks?.engine?.lastTickId;
  if (typeof id !== "number")
    throw new Error(`GET /health/ready has no checks.engine.lastTickId: ${JSON.stringify(body)}`);
  return id;
}

const load = (scenario: Scenario, path: string): FanOutLoad => ({
  path,
  connections: scenario.connections,
  processes: PROCESSES,
  seqSample: scenario.checksSeq ? SEQ_SAMPLE : 0,
  windowSeconds: WINDOW_SECONDS,
});

/**
 * The real server: a fresh process and database, a full price history, its stream sampled for
 * the baseline, then the swarm.
 */
async function measureServer(scenario: Scenario) {
  const env = {
    TICK_MS: String(scenario.tickMs),
    EVENTS_TOKEN,
    // Stream caps sized for the swarm, which comes from one address.
    MAX_STREAMS: String(scenario.connections + 100),
    MAX_STREAMS_PER_IP: String(scenario.connections + 100),
  };
  return withServerProcess(env, async (server) => {
    await seedPriceHistory(server.url, HISTORY_TICKS);
    const { prices } = (await (await fetchWithin(`${server.url}/api/prices`)).json()) as { prices: unknown[] };
    const path = await scenario.path(server.url);
    const plan = await sampleStream(`${server.url}${path}`, scenario.tickMs, SAMPLE_ROUNDS);
    const measured = await measureFanOut(server, load(scenario, path), readLastTickId);
    return { path, plan, symbols: prices.length, measured };
  });
}

/** The raw broadcaster, sending what `plan` says to the same number of streams. */
function measureBaseline(scenario: Scenario, path: string, plan: BroadcastPlan): Promise<FanOutMeasurement> {
  return withTempDir(async (dir) => {
    const file = join(dir, "plan.json");
    await Bun.write(file, JSON.stringify(plan));
    const ready = async (url: string) => (await fetchWithin(`${url}/ready`)).ok;
    const baseline = startService([process.execPath, RAW_BROADCASTER, file], {}, ready);
    return withService(baseline, (service) => measureFanOut(service, load(scenario, path)));
  });
}

function verdicts(scenario: Scenario, rate: number, server: FanOutMeasurement, baseline: FanOutMeasurement): Verdict[] {
  const seqFaults = (m: FanOutMeasurement) => m.counted.seq.gaps + m.counted.seq.duplicates;
  return [
    absolute("streams open", "", server.opened.open, baseline.opened.open, { at: "least", of: scenario.connections }),
    relative("engine ticks/s (baseline: configured)", "/s", server.ticksPerSecond ?? NaN, rate, {
      at: "least",
      of: 0.95,
    }),
    relative("events/s delivered", "/s", server.eventsPerSecond, baseline.eventsPerSecond, { at: "least", of: 0.9 }),
    ...(scenario.checksSeq
      ? [absolute("seq gaps + duplicates", "", seqFaults(server), seqFaults(baseline), { at: "most", of: 0 })]
      : []),
    relative("CPU, % of one core", "%", server.cpu * 100, baseline.cpu * 100, { at: "most", of: 1.3 }),
    absolute("RSS per stream", " KB", server.rssPerStream / 1024, baseline.rssPerStream / 1024, {
      at: "most",
      of: 25,
    }),
    informative("load clients' CPU, % of one core", "%", server.clientCpu * 100, baseline.clientCpu * 100),
    informative("other processes' CPU (noise)", "%", server.otherCpu * 100, baseline.otherCpu * 100),
    informative("MB/s delivered", " MB/s", server.bytesPerSecond / 1e6, baseline.bytesPerSecond / 1e6),
    informative("streams ended early", "", server.counted.ended, baseline.counted.ended),
    informative("time to open all", " ms", server.opened.openMs, baseline.opened.openMs),
  ];
}

const meanBytes = (texts: string[]) => texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0) / texts.length;

/** Notes under a scenario's table: refusals, what the seq check covered, what the baseline sent. */
function notes(scenario: Scenario, plan: BroadcastPlan, server: FanOutMeasurement, baseline: FanOutMeasurement) {
  const opening = (m: FanOutMeasurement) =>
    `${whole(m.opened.open)} open, ${whole(m.opened.failed)} failed, refused ${JSON.stringify(m.opened.refused)}`;
  const seq = (m: FanOutMeasurement) =>
    `${whole(m.counted.seq.ticks)} ticks on ${m.counted.seq.streams} streams: ${m.counted.seq.gaps} gaps ` +
    `(${m.counted.seq.missing} ticks missing), ${m.counted.seq.duplicates} repeated or out of order`;
  return [
    `opening — server: ${opening(server)}; baseline: ${opening(baseline)}`,
    ...(scenario.checksSeq ? [`seq check — server: ${seq(server)}; baseline: ${seq(baseline)}`] : []),
    `baseline sends ${plan.perRound} event(s) of ~${whole(meanBytes(plan.events))} B per ${plan.tickMs} ms round to every stream ` +
      `(sampled from one server stream: ${plan.events.length} events in ${SAMPLE_ROUNDS} rounds), ` +
      `greeting ${whole(Buffer.byteLength(plan.greeting))} B`,
    `CPU and RSS: the server's or baseline's process alone (/proc), over the ${WINDOW_SECONDS} s window; ` +
      "RSS per stream = (peak − idle before opening) ÷ open streams",
    ...noiseNote([server.otherCpu, baseline.otherCpu]),
  ];
}

/**
 * Run every scenario (a fresh server, then a fresh baseline), print a table each, write the JSON.
 * @example await benchFanout(); // `bun run bench fanout`
 */
export async function benchFanout(): Promise<void> {
  const results = [];
  for (const scenario of SCENARIOS) {
    const { path, plan, symbols, measured: server } = await measureServer(scenario);
    const baseline = await measureBaseline(scenario, path, plan);
    const rate = (symbols * 1000) / scenario.tickMs;
    const found = verdicts(scenario, rate, server, baseline);
    printVerdicts(
      `4. Fan-out — ${scenario.name} (${symbols} symbols × ${1000 / scenario.tickMs} ticks/s), ` +
        `real server vs raw Bun broadcaster, ${WINDOW_SECONDS} s window, ${PROCESSES} load-client processes`,
      "baseline",
      found,
      notes(scenario, plan, server, baseline),
    );
    const sampled = {
      perRound: plan.perRound,
      events: plan.events.length,
      meanEventBytes: meanBytes(plan.events),
      greetingBytes: Buffer.byteLength(plan.greeting),
    };
    results.push({
      scenario: scenario.name,
      path,
      tickMs: scenario.tickMs,
      rate,
      sampled,
      server,
      baseline,
      verdicts: found,
    });
  }
  console.log(`\n  results: ${await writeResults("fanout", { windowSeconds: WINDOW_SECONDS, scenarios: results })}`);
}
