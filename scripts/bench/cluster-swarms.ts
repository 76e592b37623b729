/** The swarm's load clients (swarm.ts) on several nodes at once, driven and summed as one. */
import type { SwarmDone, SwarmOpened } from "./sse-swarm.ts";
import { openSwarm, type Swarm } from "./swarm.ts";

/** Streams to open on one node. */
export interface SwarmPart {
  /** The stream's full URL. */
  url: string;
  streams: number;
  /** Load-client processes for them. */
  processes: number;
  /** Of them, streams whose tick seqs are checked. */
  seqSample: number;
}

const sumOf = <T>(items: T[], pick: (item: T) => number) => items.reduce((sum, item) => sum + pick(item), 0);

function sumOpened(all: SwarmOpened[]): SwarmOpened {
  const refused: Record<string, number> = {};
  for (const o of all)
    for (const [status, n] of Object.entries(o.refused)) refused[status] = (refused[status] ?? 0) + n;
  const openMs = Math.max(...all.map((o) => o.openMs));
  return { phase: "open", open: sumOf(all, (o) => o.open), refused, failed: sumOf(all, (o) => o.failed), openMs };
}

function sumDone(all: SwarmDone[]): SwarmDone {
  const seq = (key: keyof SwarmDone["seq"]) => sumOf(all, (d) => d.seq[key]);
  return {
    phase: "done",
    seconds: sumOf(all, (d) => d.seconds) / all.length,
    events: sumOf(all, (d) => d.events),
    bytes: sumOf(all, (d) => d.bytes),
    ended: sumOf(all, (d) => d.ended),
    seq: {
      streams: seq("streams"),
      ticks: seq("ticks"),
      gaps: seq("gaps"),
      missing: seq("missing"),
      duplicates: seq("duplicates"),
    },
  };
}

/**
 * Open every part's streams (one swarm each, one after the other) and give them as one swarm:
 * openings and counts summed, `seconds` the mean. A failed opening stops those already open.
 * @example const swarm = await openSwarms([{ url, streams: 2000, processes: 1, seqSample: 25 }, …]);
 */
export async function openSwarms(parts: SwarmPart[]): Promise<Swarm> {
  const swarms: Swarm[] = [];
  try {
    for (const part of parts) swarms.push(await openSwarm(part.url, part.streams, part.processes, part.seqSample));
  } catch (error) {
    for (const swarm of swarms) await swarm.stop().catch(() => undefined);
    throw error;
  }
  return {
    opened: sumOpened(swarms.map((s) => s.opened)),
    pids: swarms.flatMap((s) => s.pids),
    start: () => {
      for (const swarm of swarms) swarm.start();
    },
    stop: async () => sumDone(await Promise.all(swarms.map((s) => s.stop()))),
  };
}
