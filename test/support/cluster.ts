import { afterAll, beforeAll } from "bun:test";
import { join } from "node:path";
import { type NodeProcess, startNodeProcess } from "../../scripts/cluster-node-process.ts";
import { type Service, startRedis, startSqld } from "../../scripts/cluster-services.ts";
import { tempDir } from "./test-runtime.ts";

export interface ClusterOptions {
  /** The nodes started with the cluster, by NODE_ID (none by default). */
  nodes?: string[];
  /** Every node's LOG_LEVEL ("warn" by default). */
  logLevel?: string;
  /** Every node's environment beyond the cluster's (SYMBOLS, TICK_MS, …). */
  env?: Record<string, string>;
}

export interface NodeOptions {
  /** This node's environment beyond the cluster's and the options'. */
  env?: Record<string, string>;
  /** Without BROKER_URL: a lone node on the shared database, no cluster logic (true by default). */
  broker?: boolean;
}

/**
 * sqld, Redis and Tickertape nodes as real processes on loopback ports, in a temp directory:
 * every node gets DATABASE_URL (sqld), BROKER_URL (Redis), NODE_ID, ENGINE=auto and a shared
 * DATA_DIR. `stop()` stops every process ever started, even after a failed start.
 * @example const cluster = new LocalCluster({ nodes: ["node-a", "node-b"] }); await cluster.start(); … await cluster.stop();
 */
export class LocalCluster {
  readonly #temp = tempDir();
  readonly #started: { stop(): Promise<void> }[] = [];
  readonly #nodes = new Map<string, NodeProcess>();
  #sqld: Service | undefined;
  #redis: Service | undefined;

  constructor(readonly options: ClusterOptions = {}) {}

  /** Where the cluster's files are: sqld's database, Redis's directory, the shared DATA_DIR. */
  get dir(): string {
    return this.#temp.dir;
  }

  get sqld(): Service {
    if (!this.#sqld) throw new Error("the cluster is not started: call start() first");
    return this.#sqld;
  }

  get redis(): Service {
    if (!this.#redis) throw new Error("the cluster is not started: call start() first");
    return this.#redis;
  }

  /** The nodes started and not killed or stopped, by NODE_ID. */
  get nodes(): ReadonlyMap<string, NodeProcess> {
    return this.#nodes;
  }

  /** The running node `name`. */
  node(name: string): NodeProcess {
    const node = this.#nodes.get(name);
    if (!node) throw new Error(`no running node ${name} (running: ${[...this.#nodes.keys()].join(", ") || "none"})`);
    return node;
  }

  /** Start sqld, Redis and the options' nodes (one after the other, each waited for). */
  async start(): Promise<void> {
    this.#sqld = await startSqld({ dir: join(this.dir, "sqld") });
    this.#started.push(this.#sqld);
    this.#redis = await startRedis({ dir: join(this.dir, "redis") });
    this.#started.push(this.#redis);
    for (const name of this.options.nodes ?? []) await this.startNode(name);
  }

  /** Start node `name` (its NODE_ID) and wait until it listens. */
  async startNode(name: string, { env = {}, broker = true }: NodeOptions = {}): Promise<NodeProcess> {
    if (this.#nodes.has(name)) throw new Error(`node ${name} is already running`);
    const node = await startNodeProcess({
      name,
      env: {
        DATABASE_URL: this.sqld.url,
        BROKER_URL: broker ? this.redis.url : undefined,
        NODE_ID: name,
        ENGINE: "auto",
        DATA_DIR: join(this.dir, "data"),
        LOG_LEVEL: this.options.logLevel ?? "warn",
        ...this.options.env,
        ...env,
      },
    });
    this.#started.push(node.process);
    this.#nodes.set(name, node);
    return node;
  }

  /** kill -9 node `name` and wait until it is gone. */
  async killNode(name: string): Promise<void> {
    await this.node(name).kill();
    this.#nodes.delete(name);
  }

  /** SIGTERM node `name` (a graceful shutdown) and wait until it has exited. */
  async stopNode(name: string): Promise<void> {
    await this.node(name).terminate();
    this.#nodes.delete(name);
  }

  /** Stop every process started (nodes first, then Redis and sqld) and remove the files. */
  async stop(): Promise<void> {
    for (const started of this.#started.reverse()) await started.stop().catch(() => undefined);
    this.#started.length = 0;
    this.#nodes.clear();
    this.#temp.remove();
  }
}

/**
 * For a test file: a LocalCluster started before its tests and stopped after them (also when
 * starting failed).
 * @example const cluster = useCluster({ nodes: ["node-a", "node-b"] }); … fetch(`${cluster.node("node-a").url}health/ready`)
 */
export function useCluster(options: ClusterOptions = {}): LocalCluster {
  const cluster = new LocalCluster(options);
  beforeAll(() => cluster.start(), 60_000);
  afterAll(() => cluster.stop(), 60_000);
  return cluster;
}

/**
 * Poll `check` until it gives a value (not undefined, false or a throw), at most `timeoutMs`;
 * past it, an error saying what did not happen.
 * @example const ticks = await waitFor("node-a to write 3 ticks", async () => (await history(url)).length >= 3 || undefined);
 */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? `: ${lastError.message}` : "";
      throw new Error(`waited ${timeoutMs / 1000} s for ${what}${cause}`);
    }
    await Bun.sleep(50);
  }
}
