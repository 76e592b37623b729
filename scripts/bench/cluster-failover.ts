/** Part 3 of `bench cluster`: kill -9 the engine's node, with a client on the follower watching the ids. */
import { type BenchCluster, feedOf } from "./cluster-nodes.ts";
import { type ReceivedTick, type TickOrder, tickOrder, watchTicks } from "./cluster-ticks.ts";

/** How often the follower's `/api/feed` is asked whether it runs the engine. */
const POLL_MS = 20;
const TIMEOUT_MS = 30_000;
/** Ticks the client sees before the kill, and after the new engine's first. */
const TICKS_AROUND = 30;
/** Ids shown on either side of the kill. */
const SHOWN = 3;

/** A tick around the kill, its times relative to it. */
export interface TickAroundKill {
  id: number;
  symbol: string;
  seq: number;
  /** Its `ts` and its arrival, ms after the kill (negative: before). */
  ts: number;
  received: number;
  /** Stepped after the kill: the new engine numbered it. */
  byNewEngine: boolean;
}

export interface FailoverMeasurement {
  leaseMs: number;
  killed: string;
  survivor: string;
  /** ms from the kill to the follower's `/api/feed` naming itself `engineNode`. */
  toEngineNode: number;
  /** ms from the kill to the client's first tick stepped after it (numbered by the new engine). */
  toFirstNewTick: number;
  /** The last ticks received before the kill, and the first after it. */
  before: TickAroundKill[];
  after: TickAroundKill[];
  /** The first ticks the new engine numbered. */
  firstNew: TickAroundKill[];
  order: TickOrder;
}

async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const value = await Promise.resolve(check()).catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`failover: no ${what} within ${TIMEOUT_MS / 1000} s`);
    await Bun.sleep(POLL_MS);
  }
}

/**
 * With one client on the follower, kill -9 the engine's node and time the takeover: the follower
 * naming itself the engine (polled every POLL_MS) and the first tick its client gets from the new
 * engine (a `ts` after the kill: the dead engine stepped nothing after it). Leaves one node running.
 * @example const failover = await measureFailover(cluster, 2000);
 */
export async function measureFailover(cluster: BenchCluster, leaseMs: number): Promise<FailoverMeasurement> {
  const { engine, follower } = cluster;
  const watch = await watchTicks(`${follower.url}api/stream`);
  try {
    await until("ticks before the kill", () => (watch.ticks.length >= TICKS_AROUND ? true : undefined));
    const killedAt = Date.now();
    await engine.kill();
    const engineAt = await until("new engine", async () =>
      (await feedOf(follower)).engineNode === follower.name ? Date.now() : undefined,
    );
    const firstNew = await until("tick from the new engine", () => watch.ticks.find((t) => t.ts >= killedAt));
    const index = watch.ticks.indexOf(firstNew);
    await until("ticks after the takeover", () => (watch.ticks.length >= index + TICKS_AROUND ? true : undefined));
    watch.close();
    const around = (t: ReceivedTick): TickAroundKill => ({
      id: t.id,
      symbol: t.symbol,
      seq: t.seq,
      ts: t.ts - killedAt,
      received: t.receivedAt - killedAt,
      byNewEngine: t.ts >= killedAt,
    });
    const ticks = watch.ticks.slice();
    const received = ticks.findIndex((t) => t.receivedAt >= killedAt);
    const firstAfter = received < 0 ? ticks.length : received;
    return {
      leaseMs,
      killed: engine.name,
      survivor: follower.name,
      toEngineNode: engineAt - killedAt,
      toFirstNewTick: firstNew.receivedAt - killedAt,
      before: ticks.slice(Math.max(0, firstAfter - SHOWN), firstAfter).map(around),
      after: ticks.slice(firstAfter, firstAfter + SHOWN).map(around),
      firstNew: ticks.slice(index, index + SHOWN).map(around),
      order: tickOrder(ticks),
    };
  } finally {
    watch.close();
  }
}
