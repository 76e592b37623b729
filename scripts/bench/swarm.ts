/** The bench's side of `sse-swarm.ts`: streams spread over a few load-client processes, driven together. */
import { join } from "node:path";
import type { Subprocess } from "bun";
import { jsonLines } from "../json-lines.ts";
import { withFdLimit } from "./service.ts";
import type { SwarmDone, SwarmOpened } from "./sse-swarm.ts";

const SWARM = join(import.meta.dir, "sse-swarm.ts");

type Message = SwarmOpened | SwarmDone;

/** Open streams held by the load clients: what opening gave, then a counting window. */
export interface Swarm {
  /** Every process's opening, summed. */
  opened: SwarmOpened;
  /** The load clients' process ids, to read their CPU time. */
  pids: number[];
  /** Zero the counters: the window starts now. */
  start(): void;
  /** End the window; every process's counts, summed (`seconds`: their mean), once they have exited. */
  stop(): Promise<SwarmDone>;
}

interface Client {
  proc: Subprocess<"pipe", "pipe", "pipe">;
  messages: AsyncIterator<Message>;
  stderr: Promise<string>;
}

async function next<T extends Message>(client: Client, phase: T["phase"]): Promise<T> {
  const { value, done } = await client.messages.next();
  if (done || value.phase !== phase)
    throw new Error(`load client exited (${await client.proc.exited}) before "${phase}": ${await client.stderr}`);
  return value as T;
}

const sumOf = <T>(items: T[], pick: (item: T) => number) => items.reduce((sum, item) => sum + pick(item), 0);

function send(clients: Client[], command: "start" | "stop"): void {
  for (const { proc } of clients) {
    proc.stdin.write(`${command}\n`);
    proc.stdin.flush();
  }
}

/**
 * Open `connections` streams of `url` from `processes` load clients (split evenly), `seqSample` of
 * them checking tick seqs; resolves once every client has opened all it could.
 * @example const swarm = await openSwarm(`${url}/api/stream`, 5000, 2, 50); swarm.start(); …; await swarm.stop();
 */
export async function openSwarm(
  url: string,
  connections: number,
  processes: number,
  seqSample: number,
): Promise<Swarm> {
  const share = (total: number, i: number) => Math.floor(total / processes) + (i < total % processes ? 1 : 0);
  const clients: Client[] = Array.from({ length: processes }, (_, i) => {
    const args = [url, String(share(connections, i)), String(share(seqSample, i))];
    const proc = Bun.spawn(withFdLimit([process.execPath, SWARM, ...args]), {
      env: process.env,
      stdin: "pipe",
      stdout: "pipe",
      stderr: "pipe",
    });
    return {
      proc,
      messages: jsonLines<Message>(proc.stdout)[Symbol.asyncIterator](),
      stderr: new Response(proc.stderr).text(),
    };
  });
  try {
    const opened = await Promise.all(clients.map((c) => next<SwarmOpened>(c, "open")));
    const refused: Record<string, number> = {};
    for (const o of opened)
      for (const [status, n] of Object.entries(o.refused)) refused[status] = (refused[status] ?? 0) + n;
    return {
      opened: {
        phase: "open",
        open: sumOf(opened, (o) => o.open),
        refused,
        failed: sumOf(opened, (o) => o.failed),
        openMs: Math.max(...opened.map((o) => o.openMs)),
      },
      pids: clients.map((c) => c.proc.pid),
      start: () => send(clients, "start"),
      async stop() {
        send(clients, "stop");
        const done = await Promise.all(clients.map((c) => next<SwarmDone>(c, "done")));
        await Promise.all(clients.map((c) => c.proc.exited));
        const seq = (key: keyof SwarmDone["seq"]) => sumOf(done, (d) => d.seq[key]);
        return {
          phase: "done",
          seconds: sumOf(done, (d) => d.seconds) / done.length,
          events: sumOf(done, (d) => d.events),
          bytes: sumOf(done, (d) => d.bytes),
          ended: sumOf(done, (d) => d.ended),
          seq: {
            streams: seq("streams"),
            ticks: seq("ticks"),
            gaps: seq("gaps"),
            missing: seq("missing"),
            duplicates: seq("duplicates"),
          },
        };
      },
    };
  } catch (error) {
    for (const { proc } of clients) proc.kill("SIGKILL");
    throw error;
  }
}
