/** One fan-out measurement: thousands of streams on a server process, and what that process spent on them. */
import { busyElsewhereSeconds, cpuSeconds, rssBytes, watchPeakRss } from "./proc-usage.ts";
import type { Service } from "./service.ts";
import type { SwarmDone, SwarmOpened } from "./sse-swarm.ts";
import { openSwarm } from "./swarm.ts";

/** How the streams are opened and watched. */
export interface FanOutLoad {
  /** Path of the stream, with its query. */
  path: string;
  connections: number;
  /** Load-client processes the streams are spread over. */
  processes: number;
  /** Streams (spread evenly) whose tick seqs are checked. */
  seqSample: number;
  windowSeconds: number;
}

export interface FanOutMeasurement {
  opened: SwarmOpened;
  counted: SwarmDone;
  /** Events and bytes the load clients received per second, all streams together. */
  eventsPerSecond: number;
  bytesPerSecond: number;
  /** The server process's CPU seconds per wall second during the window (1 = one core). */
  cpu: number;
  /** The same for the load clients together: what they took from the 2 cores. */
  clientCpu: number;
  /** The same for every other process on the machine: noise in every other figure when high. */
  otherCpu: number;
  /** RSS before the streams opened, and its highest value until the window ended. */
  rssIdle: number;
  rssPeak: number;
  /** `(rssPeak − rssIdle) ÷ open streams`, in bytes. */
  rssPerStream: number;
  /** Ticks the server published per second during the window, when `lastTickId` is given. */
  ticksPerSecond: number | undefined;
}

/** RSS is sampled this often while streams open and during the window. */
const RSS_EVERY_MS = 100;

/** CPU seconds used so far by the server, by its load clients, and by every process but this one. */
const cpuNow = (service: Service, clients: number[]) => ({
  server: cpuSeconds(service.pid),
  clients: clients.reduce((sum, pid) => sum + cpuSeconds(pid), 0),
  elsewhere: busyElsewhereSeconds(),
});

/** The window itself: open the streams, then count while marking CPU times (and the last tick id) at both ends. */
async function countWindow(service: Service, load: FanOutLoad, lastTickId?: (url: string) => Promise<number>) {
  const swarm = await openSwarm(`${service.url}${load.path}`, load.connections, load.processes, load.seqSample);
  const mark = async () => {
    const tickId = await lastTickId?.(service.url);
    return { at: performance.now(), cpu: cpuNow(service, swarm.pids), tickId };
  };
  const before = await mark();
  swarm.start();
  await Bun.sleep(load.windowSeconds * 1000);
  const after = await mark();
  return { opened: swarm.opened, counted: await swarm.stop(), before, after };
}

/**
 * Open `load.connections` streams on `service` from separate load clients; once all are open,
 * count for `load.windowSeconds` while reading the server's CPU time (and its `lastTickId`, when
 * given) at both ends of the window; RSS is watched from before the first stream opens.
 * @example const m = await measureFanOut(server, { path: "/api/stream", connections: 5000, … }, readLastTickId);
 */
export async function measureFanOut(
  service: Service,
  load: FanOutLoad,
  lastTickId?: (url: string) => Promise<number>,
): Promise<FanOutMeasurement> {
  const rssIdle = rssBytes(service.pid);
  const peak = watchPeakRss(service.pid, RSS_EVERY_MS);
  let rssPeak = rssIdle;
  const { opened, counted, before, after } = await countWindow(service, load, lastTickId).finally(
    () => (rssPeak = peak.stop()),
  );
  const wall = (after.at - before.at) / 1000;
  const share = (key: keyof ReturnType<typeof cpuNow>) => (after.cpu[key] - before.cpu[key]) / wall;
  return {
    opened,
    counted,
    eventsPerSecond: counted.events / counted.seconds,
    bytesPerSecond: counted.bytes / counted.seconds,
    cpu: share("server"),
    clientCpu: share("clients"),
    // Clocks tick at 10 ms: a quiet machine can come out a little below zero.
    otherCpu: Math.max(0, share("elsewhere") - share("server") - share("clients")),
    rssIdle,
    rssPeak,
    rssPerStream: (rssPeak - rssIdle) / Math.max(1, opened.open),
    ticksPerSecond:
      before.tickId === undefined || after.tickId === undefined ? undefined : (after.tickId - before.tickId) / wall,
  };
}
