/** The tables of `bench cluster`: figures as verdicts (see verdicts.ts), and the ids around the kill. */
import type { CapacityMeasurement, NodeLoad } from "./cluster-capacity.ts";
import type { FailoverMeasurement, TickAroundKill } from "./cluster-failover.ts";
import type { LatencyMeasurement } from "./cluster-latency.ts";
import type { TickOrder } from "./cluster-ticks.ts";
import { printTable, whole } from "./report.ts";
import { absolute, informative, relative, type Verdict } from "./verdicts.ts";

/** A number with up to one decimal below 100, whole above, then its unit; `–` when not measured. */
const show = (n: number, unit: string) =>
  Number.isFinite(n) ? `${Math.abs(n) < 100 && !Number.isInteger(n) ? n.toFixed(1) : whole(n)}${unit}` : "–";

const showRatio = (ratio: number) => (Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : "–");

/** Print verdicts as a table: figure, measured, baseline, ratio, target, met?, with the columns named. */
export function printCompared(title: string, names: [string, string], verdicts: Verdict[], notes: string[]): void {
  printTable(
    title,
    ["figure", ...names, "ratio", "target", "met?"],
    verdicts.map((v) => [
      v.figure,
      show(v.value, v.unit),
      show(v.baseline, v.unit),
      showRatio(v.ratio),
      v.target,
      v.met === undefined ? "" : v.met ? "yes" : "NO",
    ]),
    notes,
  );
}

const faults = (o: TickOrder) => o.idGaps + o.duplicates + o.seqFaults;

/** Latency on the follower against the engine's node. */
export function latencyVerdicts({ follower, engine, clusterCpu, otherCpu }: LatencyMeasurement): Verdict[] {
  return [
    informative("ticks received", "", follower.ticks, engine.ticks),
    informative("ticks/s per client", "/s", follower.perClientPerSecond, engine.perClientPerSecond),
    informative("latency p50", " ms", follower.p50, engine.p50),
    informative("latency p90", " ms", follower.p90, engine.p90),
    absolute("latency p99", " ms", follower.p99, engine.p99, { at: "most", of: 50 }),
    informative("latency max", " ms", follower.max, engine.max),
    informative("latency min", " ms", follower.min, engine.min),
    informative("latency mean", " ms", follower.mean, engine.mean),
    absolute("id gaps + duplicates + seq faults", "", faults(follower.order), faults(engine.order), {
      at: "most",
      of: 0,
    }),
    informative("cluster's CPU (nodes, sqld, redis)", "%", clusterCpu * 100, Number.NaN),
    informative("other processes' CPU (noise)", "%", otherCpu * 100, Number.NaN),
  ];
}

const MB = 1024 * 1024;
const byRole = (m: CapacityMeasurement, role: NodeLoad["role"]) => m.nodes.find((n) => n.role === role);
const cpuOf = (m: CapacityMeasurement, role: NodeLoad["role"]) => (byRole(m, role)?.cpu ?? 0) * 100;
const rssPeak = (n: NodeLoad | undefined) => (n ? n.rssPeak / MB : 0);
const seqFaults = (m: CapacityMeasurement) => m.counted.seq.gaps + m.counted.seq.duplicates;

/** Two nodes sharing the streams against one node holding them all (the baseline). */
export function capacityVerdicts(two: CapacityMeasurement, one: CapacityMeasurement): Verdict[] {
  const nodesCpu = (m: CapacityMeasurement) => m.nodes.reduce((sum, n) => sum + n.cpu, 0) * 100;
  const rssAll = (m: CapacityMeasurement) => m.nodes.reduce((sum, n) => sum + rssPeak(n), 0);
  return [
    absolute("streams open", "", two.opened.open, one.opened.open, { at: "least", of: two.connections }),
    informative("engine ticks/s", "/s", two.emittedPerSecond, one.emittedPerSecond),
    informative("ticks/s received per stream", "/s", two.perStreamPerSecond, one.perStreamPerSecond),
    absolute("delivery: per stream ÷ emitted", "%", two.delivery * 100, one.delivery * 100, { at: "least", of: 95 }),
    absolute("seq gaps + duplicates (sample)", "", seqFaults(two), seqFaults(one), { at: "most", of: 0 }),
    informative("streams ended early", "", two.counted.ended, one.counted.ended),
    informative("engine's node CPU, % of a core", "%", cpuOf(two, "engine"), cpuOf(one, "engine")),
    informative("follower CPU, % of a core", "%", cpuOf(two, "follower"), cpuOf(one, "follower")),
    relative("both nodes' CPU, % of a core", "%", nodesCpu(two), nodesCpu(one), { at: "most", of: 1.3 }),
    informative("sqld + redis CPU", "%", two.servicesCpu * 100, one.servicesCpu * 100),
    informative("load clients' CPU", "%", two.clientCpu * 100, one.clientCpu * 100),
    informative("other processes' CPU (noise)", "%", two.otherCpu * 100, one.otherCpu * 100),
    informative("engine's node RSS, peak", " MB", rssPeak(byRole(two, "engine")), rssPeak(byRole(one, "engine"))),
    informative("follower RSS, peak", " MB", rssPeak(byRole(two, "follower")), rssPeak(byRole(one, "follower"))),
    informative("both nodes' RSS, peaks summed", " MB", rssAll(two), rssAll(one)),
    informative("time to open all", " ms", two.opened.openMs, one.opened.openMs),
  ];
}

/** The takeover's times against the lease, and what the follower's client saw. */
export function failoverVerdicts(f: FailoverMeasurement): Verdict[] {
  const bound = { at: "most", of: 2 * f.leaseMs } as const;
  return [
    absolute(`kill → ${f.survivor}'s /api/feed names it engineNode`, " ms", f.toEngineNode, f.leaseMs, bound),
    absolute("kill → client's first tick from the new engine", " ms", f.toFirstNewTick, f.leaseMs, bound),
    informative("ticks the client received", "", f.order.ticks, Number.NaN),
    absolute("id gaps", "", f.order.idGaps, Number.NaN, { at: "most", of: 0 }),
    absolute("ids repeated or out of order", "", f.order.duplicates, Number.NaN, { at: "most", of: 0 }),
    absolute("per-symbol seq faults", "", f.order.seqFaults, Number.NaN, { at: "most", of: 0 }),
  ];
}

/** The ids the follower's client saw around the kill, one row each, times relative to the kill. */
export function printIdsAroundKill(f: FailoverMeasurement): void {
  const seen = new Set<number>();
  const rows = [...f.before, ...f.after, ...f.firstNew].filter((t) => !seen.has(t.id) && seen.add(t.id));
  const ms = (n: number) => {
    const rounded = Math.round(n) || 0; // no "-0"
    return `${rounded >= 0 ? "+" : ""}${whole(rounded)} ms`;
  };
  const row = (t: TickAroundKill) => [
    String(t.id),
    t.symbol,
    String(t.seq),
    ms(t.ts),
    ms(t.received),
    t.byNewEngine ? `new (${f.survivor})` : `old (${f.killed})`,
  ];
  printTable(
    `   ids on ${f.survivor}'s client around the kill (times from the kill)`,
    ["id", "symbol", "seq", "stepped (ts)", "received", "engine"],
    rows.sort((a, b) => a.id - b.id).map(row),
  );
}
