/** The cluster `bench cluster` measures: sqld, redis-server and two Tickertape nodes on loopback ports, in a temp directory. */
import { join } from "node:path";
import { type NodeProcess, startNodeProcess } from "../cluster-node-process.ts";
import { type Service, startRedis, startSqld } from "../cluster-services.ts";
import { fetchWithin } from "./bounded-fetch.ts";
import { withTempDir } from "./temp-dir.ts";

/** `GET /api/feed` of a node in a cluster. */
export interface Feed {
  node: string;
  engineNode: string | null;
}

/** A started cluster: its services, its nodes, and which node holds the engine now. */
export interface BenchCluster {
  sqld: Service;
  redis: Service;
  nodes: NodeProcess[];
  /** The engine's node, and the other one (a follower). */
  engine: NodeProcess;
  follower: NodeProcess;
}

const ELECTION_TIMEOUT_MS = 20_000;

/** `GET /api/feed` of `node` (its `node` and `engineNode`). */
export const feedOf = async (node: NodeProcess): Promise<Feed> =>
  (await (await fetchWithin(`${node.url}api/feed`)).json()) as Feed;

/** `checks.engine.lastTickId` of the engine's `GET /health/ready` (answered with 503 too). */
export async function lastTickId(node: NodeProcess): Promise<number> {
  const body = (await (await fetchWithin(`${node.url}health/ready`)).json()) as {
    checks?: { engine?: { lastTickId?: number } };
  };
  const id = body.checks?.engine?.lastTickId;
  if (typeof id !== "number") throw new Error(`${node.name}'s /health/ready has no checks.engine.lastTickId`);
  return id;
}

/** Wait until both nodes name the same engine and it has published a tick; the cluster's two roles. */
async function elected(nodes: NodeProcess[]): Promise<Pick<BenchCluster, "engine" | "follower">> {
  const deadline = Date.now() + ELECTION_TIMEOUT_MS;
  for (;;) {
    const feeds = await Promise.all(nodes.map((node) => feedOf(node).catch(() => undefined)));
    const named = new Set(feeds.map((feed) => feed?.engineNode ?? null));
    const engine = nodes.find((node) => named.size === 1 && named.has(node.name));
    const follower = nodes.find((node) => node !== engine);
    if (engine && follower && (await lastTickId(engine).catch(() => 0)) > 0) return { engine, follower };
    if (Date.now() > deadline) throw new Error(`no engine elected in ${ELECTION_TIMEOUT_MS / 1000} s`);
    await Bun.sleep(50);
  }
}

/**
 * Run `fn` with sqld, Redis and two nodes (`node-a`, `node-b`: ENGINE=auto, `env` on top) started in
 * a temp directory, once one of them runs the engine; every process is stopped (nodes first) and
 * the directory removed afterwards, whatever happens.
 * @example await withCluster({ SYMBOLS: "AAPL", TICK_MS: "100" }, async ({ engine, follower }) => …);
 */
export function withCluster<T>(env: Record<string, string>, fn: (cluster: BenchCluster) => Promise<T>): Promise<T> {
  return withTempDir(async (dir) => {
    const started: { stop(): Promise<void> }[] = [];
    try {
      const sqld = await startSqld({ dir: join(dir, "sqld") });
      started.push(sqld);
      const redis = await startRedis({ dir: join(dir, "redis") });
      started.push(redis);
      const nodes: NodeProcess[] = [];
      for (const name of ["node-a", "node-b"]) {
        const node = await startNodeProcess({
          name,
          env: {
            DATABASE_URL: sqld.url,
            BROKER_URL: redis.url,
            ENGINE: "auto",
            DATA_DIR: join(dir, "data"),
            LOG_LEVEL: "warn",
            ...env,
          },
        });
        started.push(node.process);
        nodes.push(node);
      }
      return await fn({ sqld, redis, nodes, ...(await elected(nodes)) });
    } finally {
      for (const service of started.reverse()) await service.stop().catch(() => undefined);
    }
  });
}
