/** Part 1 of `bench cluster`: end-to-end tick latency on the engine's node (the baseline) and on the follower. */
import type { NodeProcess } from "../cluster-node-process.ts";
import type { BenchCluster } from "./cluster-nodes.ts";
import { quantile, type TickOrder, type TickWatch, tickOrder, watchTicks } from "./cluster-ticks.ts";
import { busyElsewhereSeconds, cpuSeconds } from "./proc-usage.ts";

/** Latencies one node's clients saw: receive time − tick `ts`, in ms. */
export interface NodeLatency {
  node: string;
  role: "engine" | "follower";
  clients: number;
  ticks: number;
  /** Ticks per second per client. */
  perClientPerSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Below zero only when the wall clock stepped back while ticks were in flight. */
  min: number;
  mean: number;
  /** Every client's ids and seqs, summed. */
  order: TickOrder;
}

export interface LatencyMeasurement {
  seconds: number;
  /** Cores the cluster's processes (nodes, sqld, Redis) used in the window, and every other process but the bench. */
  clusterCpu: number;
  otherCpu: number;
  engine: NodeLatency;
  follower: NodeLatency;
}

const sumOrders = (orders: TickOrder[]): TickOrder =>
  orders.reduce(
    (sum, o) => ({
      ticks: sum.ticks + o.ticks,
      idGaps: sum.idGaps + o.idGaps,
      missingIds: sum.missingIds + o.missingIds,
      duplicates: sum.duplicates + o.duplicates,
      seqFaults: sum.seqFaults + o.seqFaults,
    }),
    { ticks: 0, idGaps: 0, missingIds: 0, duplicates: 0, seqFaults: 0 },
  );

function summarize(node: NodeProcess, role: NodeLatency["role"], watches: TickWatch[], seconds: number): NodeLatency {
  const latencies = watches.flatMap((w) => w.ticks.map((t) => t.receivedAt - t.ts));
  return {
    node: node.name,
    role,
    clients: watches.length,
    ticks: latencies.length,
    perClientPerSecond: latencies.length / watches.length / seconds,
    p50: quantile(latencies, 0.5),
    p90: quantile(latencies, 0.9),
    p99: quantile(latencies, 0.99),
    max: Math.max(...latencies),
    min: Math.min(...latencies),
    mean: latencies.reduce((sum, l) => sum + l, 0) / latencies.length,
    order: sumOrders(watches.map((w) => tickOrder(w.ticks))),
  };
}

/**
 * Open `clients` streams on each node, drop what arrives in the first second (connections
 * settling), then keep every tick for `seconds`.
 * @example const latency = await measureLatency(cluster, 4, 20);
 */
export async function measureLatency(
  cluster: BenchCluster,
  clients: number,
  seconds: number,
): Promise<LatencyMeasurement> {
  const open = (node: NodeProcess) =>
    Promise.all(Array.from({ length: clients }, () => watchTicks(`${node.url}api/stream`)));
  const engine = await open(cluster.engine);
  const follower = await open(cluster.follower).catch((error) => {
    for (const w of engine) w.close();
    throw error;
  });
  const all = [...engine, ...follower];
  const pids = [...cluster.nodes.map((n) => n.pid), cluster.sqld.process.pid, cluster.redis.process.pid];
  const mark = () => ({
    at: performance.now(),
    cluster: pids.reduce<number>((sum, pid) => sum + (pid === undefined ? 0 : cpuSeconds(pid)), 0),
    elsewhere: busyElsewhereSeconds(),
  });
  let before: ReturnType<typeof mark>;
  let after: ReturnType<typeof mark>;
  try {
    await Bun.sleep(1000);
    for (const w of all) w.ticks.length = 0;
    before = mark();
    await Bun.sleep(seconds * 1000);
    after = mark();
  } finally {
    for (const w of all) w.close();
  }
  const wall = (after.at - before.at) / 1000;
  const clusterCpu = (after.cluster - before.cluster) / wall;
  return {
    seconds,
    clusterCpu,
    // Clocks tick at 10 ms: a quiet machine can come out a little below zero.
    otherCpu: Math.max(0, (after.elsewhere - before.elsewhere) / wall - clusterCpu),
    engine: summarize(cluster.engine, "engine", engine, seconds),
    follower: summarize(cluster.follower, "follower", follower, seconds),
  };
}
