/** Part 2 of `bench cluster`: N streams on one node against the same N split over the two, from the swarm's load clients. */
import type { NodeProcess } from "../cluster-node-process.ts";
import { type BenchCluster, lastTickId } from "./cluster-nodes.ts";
import { openSwarms } from "./cluster-swarms.ts";
import { busyElsewhereSeconds, cpuSeconds, watchPeakRss } from "./proc-usage.ts";
import type { SwarmDone, SwarmOpened } from "./sse-swarm.ts";

/** Load-client processes per layout, whatever the layout: the same client CPU either way. */
const PROCESSES = 2;
/** Streams whose tick seqs are checked, over all load clients. */
const SEQ_SAMPLE = 50;
const RSS_EVERY_MS = 100;
/** Between the last stream opened and the window: the streams opened last catch up with the others. */
const SETTLE_MS = 2000;

/** One node's share of a layout: its streams, CPU and memory. */
export interface NodeLoad {
  node: string;
  role: "engine" | "follower";
  streams: number;
  /** CPU seconds per wall second in the window (1 = one core). */
  cpu: number;
  /** Its highest RSS from before the streams opened to the window's end. */
  rssPeak: number;
}

export interface CapacityMeasurement {
  layout: "one node" | "two nodes";
  connections: number;
  opened: SwarmOpened;
  counted: SwarmDone;
  /** Ticks the engine committed per second in the window. */
  emittedPerSecond: number;
  /** Events each open stream received per second (only ticks travel on /api/stream). */
  perStreamPerSecond: number;
  /** `perStreamPerSecond ÷ emittedPerSecond`. */
  delivery: number;
  nodes: NodeLoad[];
  /** sqld and redis-server together, the load clients together, and everything else: cores. */
  servicesCpu: number;
  clientCpu: number;
  otherCpu: number;
}

/** The streams of one layout: all on the engine's node, or half on each node (seqs sampled in proportion). */
function shares(cluster: BenchCluster, layout: CapacityMeasurement["layout"], connections: number) {
  const part = (node: NodeProcess, streams: number, processes: number) => ({
    node,
    url: `${node.url}api/stream`,
    streams,
    processes,
    seqSample: Math.round((SEQ_SAMPLE * streams) / connections),
  });
  if (layout === "one node") return [part(cluster.engine, connections, PROCESSES)];
  const half = Math.floor(connections / 2);
  return [part(cluster.engine, connections - half, PROCESSES / 2), part(cluster.follower, half, PROCESSES / 2)];
}

const pidOf = (node: NodeProcess): number => {
  if (node.pid === undefined) throw new Error(`${node.name} has no pid`);
  return node.pid;
};

const sumOf = <T>(items: T[], pick: (item: T) => number) => items.reduce((sum, item) => sum + pick(item), 0);

/**
 * Open the streams of `layout` (`connections` in all, over PROCESSES load clients), then count for
 * `seconds` (from SETTLE_MS after the last opened) while reading every process's CPU time at both
 * ends; RSS is watched from before opening.
 * @example const m = await measureCapacity(cluster, "two nodes", 4000, 10);
 */
export async function measureCapacity(
  cluster: BenchCluster,
  layout: CapacityMeasurement["layout"],
  connections: number,
  seconds: number,
): Promise<CapacityMeasurement> {
  const parts = shares(cluster, layout, connections);
  const nodePids = cluster.nodes.map(pidOf);
  const servicePids = [cluster.sqld.process.pid ?? 0, cluster.redis.process.pid ?? 0];
  const peaks = nodePids.map((pid) => watchPeakRss(pid, RSS_EVERY_MS));
  const swarm = await openSwarms(parts).catch((error) => {
    for (const peak of peaks) peak.stop();
    throw error;
  });
  const mark = async () => ({
    at: performance.now(),
    tickId: await lastTickId(cluster.engine),
    nodes: nodePids.map(cpuSeconds),
    services: sumOf(servicePids, cpuSeconds),
    clients: sumOf(swarm.pids, cpuSeconds),
    elsewhere: busyElsewhereSeconds(),
  });
  let before: Awaited<ReturnType<typeof mark>>;
  let after: typeof before;
  let counted: SwarmDone;
  let rssPeak: number[];
  try {
    await Bun.sleep(SETTLE_MS);
    before = await mark();
    swarm.start();
    await Bun.sleep(seconds * 1000);
    after = await mark();
  } finally {
    counted = await swarm.stop();
    rssPeak = peaks.map((p) => p.stop());
  }
  const wall = (after.at - before.at) / 1000;
  const share = (a: number, b: number) => (a - b) / wall;
  const nodesCpu = nodePids.map((_, i) => share(after.nodes[i] ?? 0, before.nodes[i] ?? 0));
  const servicesCpu = share(after.services, before.services);
  const clientCpu = share(after.clients, before.clients);
  const { opened } = swarm;
  const emittedPerSecond = (after.tickId - before.tickId) / wall;
  const perStreamPerSecond = counted.events / Math.max(1, opened.open) / counted.seconds;
  return {
    layout,
    connections,
    opened,
    counted,
    emittedPerSecond,
    perStreamPerSecond,
    delivery: perStreamPerSecond / emittedPerSecond,
    nodes: cluster.nodes.map((node, i) => ({
      node: node.name,
      role: node === cluster.engine ? "engine" : "follower",
      streams: sumOf(parts, (p) => (p.node === node ? p.streams : 0)),
      cpu: nodesCpu[i] ?? 0,
      rssPeak: rssPeak[i] ?? 0,
    })),
    servicesCpu,
    clientCpu,
    // Clocks tick at 10 ms: a quiet machine can come out a little below zero.
    otherCpu: Math.max(
      0,
      share(after.elsewhere, before.elsewhere) - sumOf(nodesCpu, (c) => c) - servicesCpu - clientCpu,
    ),
  };
}
