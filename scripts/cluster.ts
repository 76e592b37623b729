/**
 * `bun run cluster`: Tickertape as several nodes on this machine. Starts sqld (the libSQL server)
 * and redis-server on free loopback ports, and two nodes on them, on ports 3001 and 3002 with the
 * cluster's data under data/cluster/ (sqld's database, Redis's directory, the shared DATA_DIR).
 * Prints where everything is and what to try, streams the nodes' log lines prefixed with their
 * names, and on Ctrl-C or SIGTERM stops the nodes, then Redis and sqld. Other settings (LOG_LEVEL,
 * ACCESS_LOG, SYMBOLS, EVENTS_TOKEN, …) are taken from the environment.
 */
import { join, relative } from "node:path";
import { type NodeProcess, startNodeProcess } from "./cluster-node-process.ts";
import { type Service, startRedis, startSqld } from "./cluster-services.ts";
import { ensureClusterTools } from "./ensure-cluster-tools.ts";

const DIR = join(import.meta.dir, "..", "data", "cluster");
const NODES = [
  { name: "node-a", port: 3001 },
  { name: "node-b", port: 3002 },
];
const EVENTS_TOKEN = process.env.EVENTS_TOKEN ?? "local-cluster-0123456789";

const started: (Service | NodeProcess)[] = [];
const nodes: NodeProcess[] = [];
let stopping = false;

/** Stop the nodes, then Redis and sqld (the reverse of their start), and exit. */
async function stopAll(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const service of started.reverse()) await service.process.stop();
  process.exit(exitCode);
}

/** The environment of node `name`: the cluster's settings over ours. */
const nodeEnv = (name: string, sqld: Service, redis: Service): Record<string, string> => ({
  DATABASE_URL: sqld.url,
  BROKER_URL: redis.url,
  NODE_ID: name,
  ENGINE: process.env.ENGINE ?? "auto",
  DATA_DIR: join(DIR, "uploads"),
  EVENTS_TOKEN,
});

async function start(): Promise<void> {
  ensureClusterTools();
  const sqld = await startSqld({ dir: join(DIR, "sqld"), detached: true });
  started.push(sqld);
  const redis = await startRedis({ dir: join(DIR, "redis"), detached: true });
  started.push(redis);
  for (const { name, port } of NODES) {
    const env = nodeEnv(name, sqld, redis);
    const node = await startNodeProcess({
      name,
      port,
      env,
      detached: true,
      onLine: (line) => console.log(`${name} | ${line}`),
    });
    started.push(node);
    nodes.push(node);
    void node.process.exited.then((code) => {
      if (stopping) return;
      const settings = Object.entries({ ...env, PORT: port }).map(([key, value]) => `${key}=${value}`);
      console.log(`\n${name} exited (${code}). The other node keeps serving; start ${name} again with:`);
      console.log(`  ${settings.join(" ")} bun run src/main.ts\n`);
    });
  }
  const [a, b] = NODES.map(({ name, port }) => ({ name, url: `http://localhost:${port}/` }));
  const pids = nodes.map((node) => `${node.name} ${node.pid}`);
  console.log(`
Tickertape cluster, data in ${relative(process.cwd(), DIR) || DIR}/:
  ${a?.name}  ${a?.url}
  ${b?.name}  ${b?.url}
  sqld    DATABASE_URL=${sqld.url}
  redis   BROKER_URL=${redis.url}

Try:
  open both pages side by side: the same prices move on both
  curl ${a?.url}health/ready   the node's checks
  post an event to one node, look at the other:
    curl -X POST ${a?.url}api/events -H 'Authorization: Bearer ${EVENTS_TOKEN}' \\
      -d '{"type":"portfolio.opted_in","slug":"alice","holdings":[{"symbol":"AAPL","quantity":10,"avg_price":120}]}'
    open ${b?.url}p/alice
  kill a node (${pids.join(", ")}): kill -9 <pid>, and watch the other
  Ctrl-C stops everything
`);
}

process.on("SIGINT", () => void stopAll(0));
process.on("SIGTERM", () => void stopAll(0));
try {
  await start();
} catch (error) {
  console.error(`cluster: ${error instanceof Error ? error.message : String(error)}`);
  await stopAll(1);
}
