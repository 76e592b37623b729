/**
 * A Tickertape node (`src/main.ts`) run as a real process for a local cluster: its JSON log kept
 * (or handed on line by line), its startup wait bounded, and kill -9 as well as SIGTERM.
 */
import { join } from "node:path";
import { freePort, ManagedProcess } from "./cluster-process.ts";

const REPO = join(import.meta.dir, "..");

export interface NodeProcessOptions {
  /** Its NODE_ID, and how messages name it: `node-a`. */
  name: string;
  /** Its environment beyond ours (DATABASE_URL, BROKER_URL, …); HOST is 127.0.0.1. */
  env: Record<string, string | undefined>;
  /** A free one when not given. */
  port?: number;
  /** How long it may take to listen (20 s by default). */
  timeoutMs?: number;
  detached?: boolean;
  /** Every output line, as it comes (the JSON log is on stdout). */
  onLine?: (line: string, stream: "stdout" | "stderr") => void;
}

export interface NodeProcess {
  name: string;
  /** Where it listens: `http://127.0.0.1:P/`. */
  url: string;
  pid: number | undefined;
  /** Every JSON log line printed so far. */
  logs: Record<string, unknown>[];
  process: ManagedProcess;
  /** SIGTERM (a graceful shutdown), and wait until it has exited. */
  terminate(): Promise<void>;
  /** kill -9, and wait until it is gone. */
  kill(): Promise<void>;
}

/** The JSON object a log line holds, if it is one. */
const logEntry = (line: string): Record<string, unknown> | undefined => {
  try {
    const entry: unknown = JSON.parse(line);
    return typeof entry === "object" && entry !== null ? (entry as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Start a node and wait until it answers /health/live (whatever its LOG_LEVEL); on failure it is
 * killed and the error quotes its output.
 * @example const node = await startNodeProcess({ name: "node-a", env: { DATABASE_URL: sqld.url, NODE_ID: "node-a" } });
 */
export async function startNodeProcess(options: NodeProcessOptions): Promise<NodeProcess> {
  const { name, env, port = freePort(), timeoutMs = 20_000, detached, onLine } = options;
  const logs: Record<string, unknown>[] = [];
  const url = `http://127.0.0.1:${port}/`;
  const child = new ManagedProcess({
    name,
    cmd: [process.execPath, join(REPO, "src", "main.ts")],
    env: { NODE_ID: name, ...env, HOST: "127.0.0.1", PORT: String(port) },
    detached,
    onLine(line, stream) {
      const entry = stream === "stdout" ? logEntry(line) : undefined;
      if (entry) logs.push(entry);
      onLine?.(line, stream);
    },
  });
  child.spawn();
  const answers = async () => (await fetch(`${url}health/live`)).ok;
  await child.waitUntil(answers, timeoutMs, `answer on :${port}`).catch(async (error) => {
    await child.kill();
    throw error;
  });
  return {
    name,
    url,
    pid: child.pid,
    logs,
    process: child,
    terminate: () => child.stop(),
    kill: () => child.kill(),
  };
}
