/**
 * A child process of a local cluster (sqld, redis-server, a Tickertape node) that can be stopped
 * and started again: its output is drained line by line (the last lines kept for error messages),
 * waits for it are bounded, and whatever is still running when this process exits is killed.
 */
import type { Subprocess } from "bun";
import { textLines } from "./json-lines.ts";

/** How many of a process's last output lines an error quotes. */
const KEPT_LINES = 40;
const POLL_MS = 50;

const alive = new Set<Subprocess>();
process.on("exit", () => {
  for (const child of alive) child.kill("SIGKILL");
});

export interface ProcessOptions {
  /** How messages name it: `sqld`, `redis-server`, `node-a`. */
  name: string;
  cmd: string[];
  env?: Record<string, string | undefined>;
  /** Its own process group, so a Ctrl-C in the terminal reaches only the parent, which stops it in order. */
  detached?: boolean;
  /** Every output line, as it comes. */
  onLine?: (line: string, stream: "stdout" | "stderr") => void;
}

/**
 * A free TCP port on the loopback interface (free when asked: take it soon).
 * @example const port = freePort();
 */
export function freePort(): number {
  const listener = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const { port } = listener;
  listener.stop(true);
  return port;
}

/**
 * One restartable child process.
 * @example const redis = new ManagedProcess({ name: "redis-server", cmd: ["redis-server", "--port", "6390"] });
 * redis.spawn(); await redis.waitUntil(() => pingRedis(url), 10_000, "answer on :6390");
 */
export class ManagedProcess {
  #proc: Subprocess<"ignore", "pipe", "pipe"> | undefined;
  readonly #lines: string[] = [];

  constructor(readonly options: ProcessOptions) {}

  get pid(): number | undefined {
    return this.#proc?.pid;
  }

  get running(): boolean {
    return this.#proc !== undefined && this.#proc.exitCode === null && this.#proc.signalCode === null;
  }

  /** Resolves with the exit code (or signal) once the process last spawned ends. */
  get exited(): Promise<number | string> {
    const proc = this.#proc;
    if (!proc) return Promise.reject(new Error(`${this.options.name} was never started`));
    return proc.exited.then((code) => proc.signalCode ?? code);
  }

  /** Its last output lines, for an error message. */
  get output(): string {
    return this.#lines.join("\n") || "(no output)";
  }

  /** Start it (again): a no-op while it runs. */
  spawn(): void {
    if (this.running) return;
    const { cmd, env, detached } = this.options;
    const proc = Bun.spawn(cmd, {
      env: { ...process.env, ...env },
      stdin: "ignore",
      stdout: "pipe",
      stderr: "pipe",
      detached,
    });
    this.#proc = proc;
    alive.add(proc);
    void proc.exited.then(() => alive.delete(proc));
    void this.#drain(proc.stdout, "stdout");
    void this.#drain(proc.stderr, "stderr");
  }

  /** Poll `ready` until it holds; an error naming it, with its output, when it exits or `timeoutMs` pass first. */
  async waitUntil(ready: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const { name } = this.options;
    while (!(await Promise.resolve(ready()).catch(() => false))) {
      if (!this.running)
        throw new Error(
          `${name} exited (${this.#proc?.exitCode ?? this.#proc?.signalCode}) before it did ${what}:\n${this.output}`,
        );
      if (Date.now() > deadline)
        throw new Error(`${name} did not ${what} within ${timeoutMs / 1000} s:\n${this.output}`);
      await Bun.sleep(POLL_MS);
    }
  }

  /** SIGTERM, then SIGKILL past `graceMs`; resolves once it has exited (at once when it is not running). */
  async stop(graceMs = 10_000): Promise<void> {
    const proc = this.#proc;
    if (!proc || !this.running) return;
    proc.kill("SIGTERM");
    const timer = setTimeout(() => proc.kill("SIGKILL"), graceMs);
    await proc.exited;
    clearTimeout(timer);
  }

  /** kill -9, and wait until it is gone. */
  async kill(): Promise<void> {
    const proc = this.#proc;
    if (!proc || !this.running) return;
    proc.kill("SIGKILL");
    await proc.exited;
  }

  async #drain(stream: ReadableStream<Uint8Array>, kind: "stdout" | "stderr"): Promise<void> {
    for await (const line of textLines(stream)) this.#line(line, kind);
  }

  #line(line: string, kind: "stdout" | "stderr"): void {
    this.#lines.push(line);
    if (this.#lines.length > KEPT_LINES) this.#lines.shift();
    this.options.onLine?.(line, kind);
  }
}
