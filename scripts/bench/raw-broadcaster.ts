/**
 * The baseline of `bench fanout`, run as its own Bun process: about the least a Bun server can do
 * to broadcast SSE. One timer; each round's bytes encoded once and written, unawaited, to every
 * open stream (`type: "direct"` streams, the cheapest Bun has). No database, no queues, no routing.
 *
 *   PORT=… bun raw-broadcaster.ts <plan.json>     (a BroadcastPlan; GET /ready answers once it listens)
 *
 * Tick events are renumbered as they go (`id`, and `seq` per symbol), so that the load client's
 * `seq` check holds for the baseline too.
 */

export interface BroadcastPlan {
  tickMs: number;
  /** Written to every new stream first, as the real server's first write. */
  greeting: string;
  /** Live events sampled from the real server, sent in turn, `perRound` of them every `tickMs`. */
  events: string[];
  perRound: number;
}

/** Bun's `type: "direct"` streams, which lib DOM's `ReadableStream` typings do not know. */
const DirectStream = ReadableStream as unknown as new (source: Bun.DirectUnderlyingSource) => ReadableStream;
const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-store",
  "X-Accel-Buffering": "no",
};
const seqs = new Map<string, number>();
let lastId = 0;
let next = 0;

/** A sampled `tick` event with the next id and its symbol's next seq; other events as they are. */
function renumbered(event: string): string {
  const data = /^event: tick$/m.test(event) ? event.match(/^data: (.*)$/m)?.[1] : undefined;
  if (data === undefined) return event;
  const tick = JSON.parse(data) as { id: number; symbol: string; seq: number };
  tick.id = ++lastId;
  tick.seq = (seqs.get(tick.symbol) ?? 0) + 1;
  seqs.set(tick.symbol, tick.seq);
  return `event: tick\nid: ${tick.id}\ndata: ${JSON.stringify(tick)}\n\n`;
}

if (import.meta.main) {
  const plan = (await Bun.file(process.argv[2] ?? "").json()) as BroadcastPlan;
  const streams = new Set<ReadableStreamDirectController>();
  setInterval(() => {
    let text = "";
    for (let i = 0; i < plan.perRound; i++) text += renumbered(plan.events[next++ % plan.events.length] ?? "");
    const bytes = new TextEncoder().encode(text);
    for (const stream of streams) {
      if (stream.write(bytes) === 0) streams.delete(stream);
      else stream.flush();
    }
  }, plan.tickMs);
  Bun.serve({
    port: Number(process.env.PORT),
    hostname: "127.0.0.1",
    idleTimeout: 0,
    fetch(request) {
      if (new URL(request.url).pathname === "/ready") return new Response("ok");
      const body = new DirectStream({
        type: "direct",
        async pull(stream) {
          stream.write(plan.greeting);
          stream.flush();
          streams.add(stream);
          await new Promise((resolve) => request.signal.addEventListener("abort", resolve, { once: true }));
          streams.delete(stream);
        },
      });
      return new Response(body, { headers: SSE_HEADERS });
    },
  });
}
