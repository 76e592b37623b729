/** Section 2: TickBus fan-out — publish and delivery to 1…1,000 draining subscribers, with and without a stalled one. */

import type { Tick } from "../../src/engine/tick.ts";
import { type Subscription, TickBus } from "../../src/engine/tick-bus.ts";
import { printTable, times, whole } from "./report.ts";
import { nextMacrotask, SYMBOLS, secondsSince, syntheticTicks } from "./support.ts";

const TICKS = 100_000;
const CAPACITY = 64;
/**
 * Ticks published per macrotask before subscribers get to drain. Below CAPACITY, so a
 * subscriber that keeps up never coalesces; the engine publishes one tick per timer callback,
 * this amortises the wake-ups to measure the bus, not the event loop.
 */
const BURST = 50;
const RUNS = 3;
/** The stalled comparison is a few percent: more runs to see it through the noise. */
const STALL_RUNS = 5;

interface FanOutResult {
  subscribers: number;
  stalled: number;
  seconds: number;
  /** Ticks received by the draining subscribers, in total. */
  delivered: number;
  /** Ticks coalesced away in the draining subscribers' queues (0 when they keep up). */
  coalesced: number;
  /** The stalled subscriber's queue at the end, and what it coalesced away. */
  stalledQueue: number;
  stalledCoalesced: number;
}

const subscribe = (bus: TickBus) => bus.subscribe({ accepts: () => true, capacity: CAPACITY, overflow: "coalesce" });

/** A subscriber loop as the streams run it: `take()` until closed; resolves with the ticks received. */
async function drain(sub: Subscription): Promise<number> {
  let received = 0;
  for (let batch = await sub.take(); batch.length > 0; batch = await sub.take()) received += batch.length;
  return received;
}

/** Publish every tick (in bursts) to `subscribers` draining loops plus `stalled` that never take; time until all is delivered. */
async function measureFanOut(ticks: Tick[], subscribers: number, stalled = 0): Promise<FanOutResult> {
  Bun.gc(true);
  const bus = new TickBus();
  const draining = Array.from({ length: subscribers }, () => subscribe(bus));
  const idle = Array.from({ length: stalled }, () => subscribe(bus));
  const loops = draining.map(drain);

  const start = performance.now();
  for (let i = 0; i < ticks.length; i += BURST) {
    for (const tick of ticks.slice(i, i + BURST)) bus.publish(tick);
    await nextMacrotask();
  }
  const seconds = secondsSince(start);

  const coalesced = draining.reduce((sum, s) => sum + s.coalesced, 0);
  const stalledQueue = idle.reduce((sum, s) => sum + s.size, 0);
  const stalledCoalesced = idle.reduce((sum, s) => sum + s.coalesced, 0);
  bus.closeAll();
  const delivered = (await Promise.all(loops)).reduce((a, b) => a + b, 0);
  return { subscribers, stalled, seconds, delivered, coalesced, stalledQueue, stalledCoalesced };
}

interface Setup {
  subscribers: number;
  stalled?: number;
}

/**
 * The fastest of `runs` runs of each setup — the figure least disturbed by GC pauses — with
 * the setups interleaved run by run, so that none is favoured by what ran just before it.
 */
async function fastestOf(ticks: Tick[], runs: number, setups: Setup[]): Promise<FanOutResult[]> {
  const best: FanOutResult[] = [];
  for (let run = 0; run < runs; run++) {
    for (const [i, setup] of setups.entries()) {
      const result = await measureFanOut(ticks, setup.subscribers, setup.stalled);
      if (!best[i] || result.seconds < best[i].seconds) best[i] = result;
    }
  }
  return best;
}

export async function benchFanOut(): Promise<void> {
  const ticks = syntheticTicks(TICKS);
  const [one] = await fastestOf(ticks, RUNS, [{ subscribers: 1 }]);
  const [hundred, withStalled] = await fastestOf(ticks, STALL_RUNS, [
    { subscribers: 100 },
    { subscribers: 100, stalled: 1 },
  ]);
  const [thousand] = await fastestOf(ticks, RUNS, [{ subscribers: 1000 }]);
  if (!one || !hundred || !withStalled || !thousand) throw new Error("fan-out runs missing");

  const tickRate = (r: FanOutResult) => TICKS / r.seconds;
  const deliveryRate = (r: FanOutResult) => r.delivered / r.seconds;
  const label = (r: FanOutResult) => `${whole(r.subscribers)} draining${r.stalled ? ` + ${r.stalled} stalled` : ""}`;
  const row = (r: FanOutResult) => [
    label(r),
    `${Math.round(r.seconds * 1000)} ms`,
    whole(tickRate(r)),
    whole(deliveryRate(r)),
    whole(r.coalesced),
    times(tickRate(r), tickRate(one)),
    times(deliveryRate(r), deliveryRate(one)),
  ];
  printTable(
    `2. Fan-out — TickBus, ${whole(TICKS)} ticks over ${SYMBOLS.length} symbols, capacity ${CAPACITY}, coalesce, ${BURST} ticks per macrotask`,
    ["subscribers", "time", "ticks/s", "deliveries/s", "coalesced", "ticks/s vs 1", "deliveries/s vs 1"],
    [one, hundred, thousand, withStalled].map(row),
    [
      `fastest of ${RUNS} runs each (${STALL_RUNS}, interleaved, for the stalled comparison); "coalesced" counts the draining subscribers' queues only`,
      `a stalled subscriber next to 100 draining ones: ${whole(tickRate(hundred))} → ${whole(tickRate(withStalled))} ticks/s ` +
        `(${times(tickRate(withStalled), tickRate(hundred))}); its own queue stayed bounded at ${withStalled.stalledQueue} ticks ` +
        `(capacity ${CAPACITY}), ${whole(withStalled.stalledCoalesced)} ticks coalesced away`,
    ],
  );
}
