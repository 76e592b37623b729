import type { Subprocess } from "bun";
import { jsonLines } from "../../scripts/json-lines.ts";

export interface ServerProcess {
  proc: Subprocess<"ignore", "pipe", "pipe">;
  url: string;
  /** Every JSON log line printed so far. */
  logs: Record<string, unknown>[];
  /** Send SIGTERM and wait for the exit code. */
  terminate(): Promise<number>;
}

/** Run `src/main.ts` as a real process and wait until it listens. */
export async function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const proc = Bun.spawn([process.execPath, "src/main.ts"], {
    env: { ...process.env, HOST: "127.0.0.1", PORT: "0", ...env },
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  const logs: Record<string, unknown>[] = [];
  const { promise: url, resolve: listening } = Promise.withResolvers<string>();
  void (async () => {
    for await (const entry of jsonLines(proc.stdout)) {
      logs.push(entry);
      if (entry.message === "listening") listening(String(entry.url));
    }
  })();
  const exited = proc.exited.then(async (code) => {
    throw new Error(`server exited with ${code} before listening: ${await new Response(proc.stderr).text()}`);
  });
  return {
    proc,
    url: await Promise.race([url, exited]),
    logs,
    async terminate() {
      proc.kill("SIGTERM");
      return await proc.exited;
    },
  };
}
