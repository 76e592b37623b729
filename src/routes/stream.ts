import { Hono } from "hono";
import * as v from "valibot";
import type { Importer } from "../b3/importer.ts";
import type { Market } from "../engine/market.ts";
import { formatEvent } from "../sse/frame.ts";
import type { TickFrames } from "../sse/tick-frames.ts";
import { HttpError } from "./http-error.ts";
import { openStream, type StreamSettings } from "./open-stream.ts";
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

export interface StreamRoutesDeps extends StreamSettings {
  market: Pick<Market, "symbols" | "lastId" | "subscribe" | "since">;
  /** Each tick serialised once for every stream. */
  tickFrames: TickFrames;
  imports: Pick<Importer, "onEvent">;
}

/**
 * `GET /api/stream?symbols=AAPL,MSFT`: named `tick` events with JSON data and an `id:`.
 * With `Last-Event-ID` (header or `?lastEventId=`), the missed ticks still in memory are
 * replayed in order, then the stream goes live without duplicates; an id this server never
 * published is treated as unknown, and the stream starts live.
 * With `?imports=1`, named `import` events (an import's status as JSON) too.
 * @example app.route("/api/stream", streamRoutes({ ...streams, market, tickFrames: tickFrames(), imports }));
 */
export function streamRoutes(deps: StreamRoutesDeps): Hono {
  const { market } = deps;
  const app = new Hono();
  app.get("/", (c) => {
    const query = parseOr400(StreamQuery, {
      symbols: c.req.query("symbols"),
      lastEventId: c.req.header("Last-Event-ID") || c.req.query("lastEventId") || undefined,
      imports: c.req.query("imports"),
    });
    const unknown = query.symbols.filter((s) => !market.symbols.has(s));
    if (unknown.length > 0) throw new HttpError(400, "unknown_symbol", `Unknown symbol ${unknown.join(", ")}`);
    const wanted = new Set(query.symbols.length > 0 ? query.symbols : market.symbols);
    const accepts = (symbol: string) => wanted.has(symbol);

    // An id above any this server published (a fresh install, a restored backup) is unknown: go live.
    const resumeFrom =
      query.lastEventId !== undefined && query.lastEventId <= market.lastId ? query.lastEventId : undefined;
    const sub = market.subscribe({ accepts, capacity: QUEUE_CAPACITY, overflow: "disconnect" });
    const missed = resumeFrom === undefined ? [] : market.since(resumeFrom, accepts);
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
            text += deps.tickFrames(tick);
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
