/** Section 3 (`sse`): SSE streams of the real server at 60 ticks/s — 500 dashboard and 500 API streams vs 1. */
import type { RunningServer } from "../../src/server.ts";
import type { SseLoadResult, SseOpened } from "./load-client.ts";
import { megabytes, percent, printTable, times, whole } from "./report.ts";
import { runLoadClient } from "./run-load-client.ts";
import { settledRss, withBenchServer } from "./support.ts";

const SECONDS = 5;
const MANY = 500;
const BOARD = "/board/stream";
const API = "/api/stream";
/**
 * Every symbol ticks every 100 ms: 6 symbols → 60 ticks/s. The load client is one address:
 * the per-address stream cap (100 by default) must let all of its streams in.
 */
const SERVER_ENV = { TICK_MS: "100", MAX_STREAMS_PER_IP: String(2 * MANY) };

interface Scenario {
  name: string;
  plan: Record<string, number>;
}

const SCENARIOS: Scenario[] = [
  { name: `${BOARD} ×1`, plan: { [BOARD]: 1 } },
  { name: `${BOARD} ×${MANY}`, plan: { [BOARD]: MANY } },
  { name: `${API} ×1`, plan: { [API]: 1 } },
  { name: `${API} ×${MANY}`, plan: { [API]: MANY } },
  { name: `both ×${MANY}`, plan: { [BOARD]: MANY, [API]: MANY } },
];

interface ServerSide {
  openMs: number;
  ticksPerSecond: number;
  /** CPU time of this process (the server) over wall time, during the window. */
  cpu: number;
  rssBefore: number;
  rssPeak: number;
}

const rss = () => process.memoryUsage().rss;
const cpuMicros = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/**
 * Open the scenario's streams from a client process, count events for SECONDS, and watch the
 * server (this process) meanwhile: ticks published, CPU, peak RSS.
 */
async function measureScenario(
  server: RunningServer,
  scenario: Scenario,
): Promise<{ client: SseLoadResult; server: ServerSide }> {
  const connections = Object.values(scenario.plan).reduce((a, b) => a + b, 0);
  const plan = Object.entries(scenario.plan).map(([path, n]) => `${path}=${n}`);
  const rssBefore = await settledRss();
  let rssPeak = rssBefore;
  let sampler: ReturnType<typeof setInterval> | undefined;
  let window = { start: 0, cpu: 0, emitted: 0, openMs: 0 };
  const client = await runLoadClient<SseOpened | SseLoadResult>(
    ["sse", server.url, String(SECONDS), ...plan],
    { BUN_CONFIG_MAX_HTTP_REQUESTS: String(connections + 64) },
    (message) => {
      rssPeak = Math.max(rssPeak, rss());
      if (message.phase === "open") {
        window = { start: performance.now(), cpu: cpuMicros(), emitted: server.engine.emitted, openMs: message.openMs };
        sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rss())), 250);
      } else {
        clearInterval(sampler);
      }
    },
  );
  const seconds = (performance.now() - window.start) / 1000;
  if (client.phase !== "done") throw new Error(`SSE client for ${scenario.name} ended before reporting`);
  return {
    client,
    server: {
      openMs: window.openMs,
      ticksPerSecond: (server.engine.emitted - window.emitted) / seconds,
      cpu: (cpuMicros() - window.cpu) / 1e6 / seconds,
      rssBefore,
      rssPeak,
    },
  };
}

export async function benchSse(): Promise<void> {
  const results = [];
  for (const scenario of SCENARIOS) {
    results.push({ scenario, ...(await withBenchServer(SERVER_ENV, (server) => measureScenario(server, scenario))) });
  }

  const streamRows = results.flatMap(({ scenario, client, server }) =>
    client.streams.map((s) => ({
      scenario: scenario.name,
      ...s,
      perConnection: s.events / s.connections / client.seconds,
      ticks: server.ticksPerSecond,
      seconds: client.seconds,
    })),
  );
  const baselineOf = (path: string) =>
    streamRows.find((r) => r.path === path && r.connections === 1)?.perConnection ?? NaN;
  printTable(
    `3. SSE streams — real server, TICK_MS=100 × 6 symbols, events counted for ${SECONDS} s (client in its own process)`,
    [
      "scenario",
      "path",
      "conns",
      "events/s",
      "per conn/s",
      "ticks/s",
      "per conn ÷ ticks",
      "MB/s",
      "ended early",
      "per conn vs 1",
    ],
    streamRows.map((r) => [
      r.scenario,
      r.path,
      whole(r.connections),
      whole(r.events / r.seconds),
      r.perConnection.toFixed(1),
      r.ticks.toFixed(1),
      (r.perConnection / r.ticks).toFixed(2),
      megabytes(r.bytes / r.seconds),
      whole(r.ended),
      times(r.perConnection, baselineOf(r.path)),
    ]),
    [
      `${BOARD}: one event per batch of moved rows (HTML); ${API}: one event per tick (JSON)`,
      "ticks/s: published by the engine meanwhile; per conn ÷ ticks = 1.00 when every stream keeps up",
    ],
  );
  printTable(
    "   server process (this one) during each scenario",
    ["scenario", "open all", "CPU", "RSS before", "RSS peak", "Δ per conn"],
    results.map(({ scenario, client, server }) => {
      const connections = client.streams.reduce((sum, s) => sum + s.connections, 0);
      const perConnection = (server.rssPeak - server.rssBefore) / connections / 1024;
      return [
        scenario.name,
        `${Math.round(server.openMs)} ms`,
        percent(server.cpu),
        megabytes(server.rssBefore),
        megabytes(server.rssPeak),
        connections > 1 ? `${whole(perConnection)} KB` : "–",
      ];
    }),
    [
      "CPU: this process's CPU time ÷ wall time (100% = one core); RSS: process.memoryUsage().rss after a full GC, then its peak",
      "RSS is the whole bench process, earlier sections included; a fresh server per scenario",
      "Δ per conn is left out at 1 connection, where heap noise dominates",
    ],
  );
}
