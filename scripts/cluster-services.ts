/**
 * The services a local cluster shares, each on a loopback port with its files in a directory:
 * sqld (the libSQL server, data kept across restarts) and redis-server (the broker, nothing saved).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { RedisClient } from "bun";
import { freePort, ManagedProcess } from "./cluster-process.ts";
import { clusterTools } from "./cluster-tools.ts";

const STARTUP_TIMEOUT_MS = 10_000;

/** A running service that can be stopped and started again on the same port, with the same files. */
export interface Service {
  port: number;
  /** What clients connect to: `http://127.0.0.1:P` (sqld), `redis://127.0.0.1:P` (Redis). */
  url: string;
  process: ManagedProcess;
  /** Start it again and wait until it answers. */
  start(): Promise<void>;
  /** SIGTERM, and wait until it has exited. */
  stop(): Promise<void>;
}

export interface ServiceOptions {
  /** Its files go in this directory (created). */
  dir: string;
  /** A free one when not given. */
  port?: number;
  detached?: boolean;
}

/** Whether the Redis at `url` answers PING. */
async function redisAnswers(url: string): Promise<boolean> {
  const client = new RedisClient(url, { connectionTimeout: 500, autoReconnect: false, enableOfflineQueue: false });
  try {
    await client.connect();
    return (await client.ping()) === "PONG";
  } finally {
    client.close();
  }
}

/** Spawn `child`, wait until it `answers` (killing it when it does not), and give it as a Service. */
async function serve(
  child: ManagedProcess,
  port: number,
  url: string,
  answers: () => Promise<boolean>,
): Promise<Service> {
  const start = async () => {
    child.spawn();
    await child.waitUntil(answers, STARTUP_TIMEOUT_MS, `answer on :${port}`);
  };
  await start().catch(async (error) => {
    await child.kill();
    throw error;
  });
  return { port, url, process: child, start, stop: () => child.stop() };
}

/**
 * sqld on `127.0.0.1:port` (HTTP, and WebSocket on the same port), its database under `dir`.
 * @example const sqld = await startSqld({ dir }); … DATABASE_URL=sqld.url … await sqld.stop();
 */
export async function startSqld({ dir, port = freePort(), detached }: ServiceOptions): Promise<Service> {
  mkdirSync(dir, { recursive: true });
  const url = `http://127.0.0.1:${port}`;
  const cmd = [clusterTools().sqld, "--db-path", join(dir, "data.sqld"), "--http-listen-addr", `127.0.0.1:${port}`];
  const child = new ManagedProcess({ name: "sqld", cmd: [...cmd, "--no-welcome"], detached });
  return await serve(child, port, url, async () => (await fetch(`${url}/health`)).ok);
}

/**
 * redis-server on `127.0.0.1:port`, saving nothing (no RDB, no AOF); `dir` is its working directory.
 * @example const redis = await startRedis({ dir }); … BROKER_URL=redis.url … await redis.stop();
 */
export async function startRedis({ dir, port = freePort(), detached }: ServiceOptions): Promise<Service> {
  mkdirSync(dir, { recursive: true });
  const url = `redis://127.0.0.1:${port}`;
  const settings = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir];
  const child = new ManagedProcess({
    name: "redis-server",
    cmd: [clusterTools().redisServer, ...settings],
    detached,
  });
  return await serve(child, port, url, () => redisAnswers(url));
}
