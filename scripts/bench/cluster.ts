/**
 * Section `cluster`: two nodes on sqld and Redis (issue 14), all in one run on one cluster:
 *   1. latency from the engine to SSE clients of the other node, against clients of the engine's own node;
 *   2. N streams split over the two nodes, against the same N on the engine's node alone;
 *   3. failover: kill -9 the engine's node, time the follower's takeover and check its client's ids.
 */
import { type CapacityMeasurement, measureCapacity } from "./cluster-capacity.ts";
import { measureFailover } from "./cluster-failover.ts";
import { measureLatency } from "./cluster-latency.ts";
import { withCluster } from "./cluster-nodes.ts";
import {
  capacityVerdicts,
  failoverVerdicts,
  latencyVerdicts,
  printCompared,
  printIdsAroundKill,
} from "./cluster-report.ts";
import { whole } from "./report.ts";
import { writeResults } from "./results.ts";
import { noiseNote } from "./verdicts.ts";

const SYMBOLS = ["AAPL", "GOOGL", "MSFT", "TSLA", "AMZN", "NFLX"];
const TICK_MS = 100;
const LEASE_MS = 2000;
const RATE = (SYMBOLS.length * 1000) / TICK_MS;
/** Part 1: clients per node, and how long their ticks are kept. */
const LATENCY_CLIENTS = 4;
const LATENCY_SECONDS = 20;
/** Part 2: the stream counts, each measured on one node and then on two; the counting window. */
const CONNECTIONS = [2000, 4000];
const WINDOW_SECONDS = 10;

const ENV = {
  SYMBOLS: SYMBOLS.join(","),
  TICK_MS: String(TICK_MS),
  ENGINE_LEASE_MS: String(LEASE_MS),
  // Stream caps sized for the swarm, which comes from one address.
  MAX_STREAMS: "10000",
  MAX_STREAMS_PER_IP: "10000",
};

const SHARED_CPU =
  "on this machine both nodes (and sqld, Redis and the load clients) share the same cores, so " +
  '"two nodes" shows that the design spreads streams over nodes, and scales across machines only in principle; ' +
  "the honest comparison is the one above, in the same run";

/**
 * Start the cluster, run the three parts in order (the failover last: it kills the engine),
 * print a table each, write the JSON; every process is stopped afterwards.
 * @example await benchCluster(); // `bun run bench cluster`
 */
export async function benchCluster(): Promise<void> {
  const results = await withCluster(ENV, async (cluster) => {
    const { engine, follower } = cluster;
    const setting = `${SYMBOLS.length} symbols × ${1000 / TICK_MS} ticks/s = ${RATE} ticks/s, mock source`;
    console.log(`\n  cluster: sqld, redis-server, ${engine.name} (engine) and ${follower.name} (follower); ${setting}`);

    const latency = await measureLatency(cluster, LATENCY_CLIENTS, LATENCY_SECONDS);
    printCompared(
      `8. Cluster latency — engine → SSE client, receive time − tick ts, ${LATENCY_CLIENTS} clients per node, ${LATENCY_SECONDS} s`,
      [`follower (${follower.name})`, `engine's node (${engine.name})`],
      latencyVerdicts(latency),
      [
        "ts is the engine's clock when the price stepped (Date.now(), same machine, as the arrival time): the figure includes " +
          "the group commit to sqld; the follower's adds the Redis hop and its own publish. A min below 0: the clock stepped",
        ...noiseNote([latency.otherCpu]),
      ],
    );

    const capacity: { two: CapacityMeasurement; one: CapacityMeasurement }[] = [];
    for (const connections of CONNECTIONS) {
      const one = await measureCapacity(cluster, "one node", connections, WINDOW_SECONDS);
      const two = await measureCapacity(cluster, "two nodes", connections, WINDOW_SECONDS);
      capacity.push({ two, one });
      const split = two.nodes.map((n) => `${whole(n.streams)} on ${n.node}`).join(", ");
      printCompared(
        `8. Cluster capacity — ${whole(connections)} × /api/stream: two nodes (${split}) vs one (all on ${engine.name}, the engine's), ${WINDOW_SECONDS} s window`,
        ["two nodes", "one node"],
        capacityVerdicts(two, one),
        [
          `seq check on ${two.counted.seq.streams} / ${one.counted.seq.streams} sampled streams, from each one's opening: ` +
            `${whole(two.counted.seq.ticks)} / ${whole(one.counted.seq.ticks)} ticks; 2 load-client processes either way ` +
            "(two nodes: one per node, the engine's node's streams opened first)",
          "window: from 2 s after the last stream opened; delivery: each load client times its own window, " +
            "and a round of 6 ticks more or less at either end is ±1%; CPU from /proc over the window (100% = one core)",
          "RSS: each node's highest during opening and window; it does not shrink after a run, so each run starts from the heap the runs before it grew",
          SHARED_CPU,
          ...noiseNote([two.otherCpu, one.otherCpu]),
        ],
      );
    }

    const failover = await measureFailover(cluster, LEASE_MS);
    printCompared(
      `8. Cluster failover — kill -9 ${failover.killed} (the engine's node), one client on ${failover.survivor}, ENGINE_LEASE_MS ${whole(LEASE_MS)}`,
      ["measured", "ENGINE_LEASE_MS"],
      failoverVerdicts(failover),
      [
        `${failover.survivor}'s /api/feed polled every 20 ms; the new engine's ticks are those stepped after the kill (ts)`,
      ],
    );
    printIdsAroundKill(failover);
    return { latency, capacity, failover };
  });
  const settings = { symbols: SYMBOLS, tickMs: TICK_MS, rate: RATE, leaseMs: LEASE_MS, windowSeconds: WINDOW_SECONDS };
  console.log(`\n  results: ${await writeResults("cluster", { settings, ...results })}`);
}
