/** A server the bench runs as its own process (the real one or a baseline), so that its CPU and RSS are its own. */

/** A listening process on 127.0.0.1: its URL and pid (for `/proc`), and how to stop it. */
export interface Service {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;
/** Thousands of streams need as many descriptors; `ulimit -n` past the hard limit needs root, so fall back to it. */
const RAISE_FD_LIMIT = 'ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$@"';

/** A free TCP port on 127.0.0.1 (free now; taken by the process started right after). */
function freePort(): number {
  const probe = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const { port } = probe;
  probe.stop(true);
  return port;
}

/** `command` run through `sh` with `ulimit -n` raised first (`exec`: the pid stays the command's). */
export const withFdLimit = (command: string[]): string[] => ["sh", "-c", RAISE_FD_LIMIT, "sh", ...command];

/**
 * Start `command` listening on a free port, and resolve once `ready(url)` holds (polled); stopping
 * sends SIGTERM and, past STOP_TIMEOUT_MS, SIGKILL. Its stderr is the bench's; a process that
 * exits or is not ready in time is killed, and the start fails.
 * @example const service = await startService([process.execPath, "raw-page.ts", file], {}, isUp);
 */
export async function startService(
  command: string[],
  env: Record<string, string>,
  ready: (url: string) => Promise<boolean>,
): Promise<Service> {
  const port = freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = Bun.spawn(withFdLimit(command), {
    env: { ...process.env, ...env, PORT: String(port) },
    stdin: "ignore",
    stdout: "ignore",
    stderr: "inherit",
  });
  const deadline = performance.now() + READY_TIMEOUT_MS;
  while (!(await ready(url).catch(() => false))) {
    const exited = proc.exitCode !== null || proc.signalCode !== null;
    if (exited || performance.now() > deadline) {
      proc.kill("SIGKILL");
      const how = exited ? `exited (${proc.exitCode ?? proc.signalCode})` : `not ready in ${READY_TIMEOUT_MS} ms`;
      throw new Error(`${command.join(" ")} ${how} (its stderr, if any, is above)`);
    }
    await Bun.sleep(50);
  }
  return {
    url,
    pid: proc.pid,
    async stop() {
      proc.kill("SIGTERM");
      const killer = setTimeout(() => proc.kill("SIGKILL"), STOP_TIMEOUT_MS);
      await proc.exited;
      clearTimeout(killer);
    },
  };
}

/** Run `fn` with a started service, stopped afterwards whatever happens. */
export async function withService<T>(service: Promise<Service>, fn: (service: Service) => Promise<T>): Promise<T> {
  const started = await service;
  try {
    return await fn(started);
  } finally {
    await started.stop();
  }
}
