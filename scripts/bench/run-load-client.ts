/** The bench's side of `load-client.ts`: run it as a process and read its JSON lines. */
import { join } from "node:path";
import { jsonLines } from "../json-lines.ts";

const LOAD_CLIENT = join(import.meta.dir, "load-client.ts");

/**
 * Run `load-client.ts` in its own Bun process (so it does not share the server's thread),
 * hand each JSON line it prints to `onMessage`, and return the last one.
 * @example const result = await runLoadClient<HttpLoadResult>(["http", url, "64", "5"], {});
 */
export async function runLoadClient<T>(
  args: string[],
  env: Record<string, string>,
  onMessage: (message: T) => void = () => {},
): Promise<T> {
  const proc = Bun.spawn([process.execPath, LOAD_CLIENT, ...args], {
    env: { ...process.env, ...env },
    stdout: "pipe",
    stderr: "pipe",
  });
  const stderr = new Response(proc.stderr).text();
  let last: T | undefined;
  for await (const message of jsonLines<T>(proc.stdout)) {
    last = message;
    onMessage(message);
  }
  const code = await proc.exited;
  if (code !== 0 || last === undefined)
    throw new Error(`load client ${args.join(" ")} exited with ${code}: ${await stderr}`);
  return last;
}
