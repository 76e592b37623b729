import { Hono } from "hono";
import * as v from "valibot";
import type { AppDeps } from "../app.ts";
import type { Tick } from "../engine/tick.ts";
import { formatEvent } from "../sse/frame.ts";
import { HttpError } from "./http-error.ts";
import { openStream } from "./open-stream.ts";
import { parseOr400, SymbolList } from "./validate.ts";

/** An integration may fall this far behind; past it, it is disconnected and resumes by Last-Event-ID. */
const QUEUE_CAPACITY = 1024;
const RETRY_MS = 2000;

const EventId = v.pipe(v.string(), v.trim(), v.regex(/^\d{1,15}$/, "a tick id (a whole number)"), v.transform(Number));
const StreamQuery = v.object({
  symbols: SymbolList,
  lastEventId: v.optional(EventId),
  imports: v.optional(v.picklist(["0", "1"], "0 or 1")),
});

/**
 * `GET /api/stream?symbols=AAPL,MSFT`: named `tick` events with JSON data and an `id:`.
 * With `Last-Event-ID` (header or `?lastEventId=`), the missed ticks still in memory are
 * replayed in order, then the stream goes live without duplicates; an id this server never
 * published is treated as unknown, and the stream starts live.
 * With `?imports=1`, named `import` events (an import's status as JSON) too.
 */
export function streamRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  /** Each tick is serialised once, whatever the number of streams. */
  const frames = new WeakMap<Tick, string>();
  const frameOf = (tick: Tick): string => {
    let frame = frames.get(tick);
    if (frame === undefined)
      frames.set(tick, (frame = formatEvent({ event: "tick", id: tick.id, data: JSON.stringify(tick) })));
    return frame;
  };
  app.get("/", (c) => {
    const query = parseOr400(StreamQuery, {
      symbols: c.req.query("symbols"),
      lastEventId: c.req.header("Last-Event-ID") || c.req.query("lastEventId") || undefined,
      imports: c.req.query("imports"),
    });
    const unknown = query.symbols.filter((s) => !deps.engine.symbols.has(s));
    if (unknown.length > 0) throw new HttpError(400, "unknown_symbol", `Unknown symbol ${unknown.join(", ")}`);
    const wanted = new Set(query.symbols.length > 0 ? query.symbols : deps.engine.symbols);
    const accepts = (symbol: string) => wanted.has(symbol);

    // An id above any this server published (a fresh install, a restored backup) is unknown: go live.
    const resumeFrom =
      query.lastEventId !== undefined && query.lastEventId <= deps.engine.lastPublishedId
        ? query.lastEventId
        : undefined;
    const sub = deps.bus.subscribe({ accepts, capacity: QUEUE_CAPACITY, overflow: "disconnect" });
    const missed = resumeFrom === undefined ? [] : deps.history.since(resumeFrom, accepts);
    let stopImports = () => {};
    return openStream(
      c,
      deps,
      async (out) => {
        out.write(`retry: ${RETRY_MS}\n: connected\n\n`);
        if (query.imports === "1")
          stopImports = deps.imports.onEvent((e) =>
            out.write(formatEvent({ event: "import", data: JSON.stringify(e.status) })),
          );
        let lastSent = resumeFrom ?? 0;
        for (let batch = missed; ; batch = await sub.take()) {
          if (batch.length === 0 && batch !== missed) return;
          let text = "";
          for (const tick of batch) {
            if (tick.id <= lastSent) continue;
            text += frameOf(tick);
            lastSent = tick.id;
          }
          if (text) out.write(text);
        }
      },
      () => {
        sub.close();
        stopImports();
      },
    );
  });
  return app;
}
