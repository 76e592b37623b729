import { Hono } from "hono";
import * as v from "valibot";
import type { Market } from "../engine/market.ts";
import { storedReplay } from "../live/stored-ticks.ts";
import type { TickStreams } from "../live/tick-streams.ts";
import type { TickStore } from "../store/tick-store.ts";
import { HttpError } from "./http-error.ts";
import { openStream, type StreamOpening } from "./open-stream.ts";
import { parseOr400, SymbolList } from "./validate.ts";

const EventId = v.pipe(v.string(), v.trim(), v.regex(/^\d{1,15}$/, "a tick id (a whole number)"), v.transform(Number));
export const StreamQuery = v.object({
  symbols: SymbolList,
  lastEventId: v.optional(EventId),
  imports: v.optional(v.picklist(["0", "1"], "0 or 1")),
});

export interface StreamRoutesDeps extends StreamOpening {
  market: Pick<Market, "symbols" | "lastId" | "covers">;
  /** Missed ticks memory no longer holds. */
  store: Pick<TickStore, "after">;
  live: { ticks: Pick<TickStreams, "open"> };
}

/**
 * `GET /api/stream?symbols=AAPL,MSFT`: named `tick` events with JSON data and an `id:`.
 * With `Last-Event-ID` (header or `?lastEventId=`), the missed ticks are replayed in order (from
 * memory, or from the database beyond it: up to MAX_STORED_REPLAY, then the stream ends and the
 * client resumes from there), then the stream goes live without duplicates; an id above any
 * published is treated as unknown, and the stream starts live. A client that falls more than
 * its buffer behind is disconnected and resumes the same way.
 * With `?imports=1`, named `import` events (an import's status as JSON) too.
 * @example app.route("/api/stream", streamRoutes({ hub, trustProxy, market, live }));
 */
export function streamRoutes(deps: StreamRoutesDeps): Hono {
  const { market } = deps;
  const app = new Hono();
  app.get("/", async (c) => {
    const query = parseOr400(StreamQuery, {
      symbols: c.req.query("symbols"),
      lastEventId: c.req.header("Last-Event-ID") || c.req.query("lastEventId") || undefined,
      imports: c.req.query("imports"),
    });
    const unknown = query.symbols.filter((s) => !market.symbols.has(s));
    if (unknown.length > 0) throw new HttpError(400, "unknown_symbol", `Unknown symbol ${unknown.join(", ")}`);
    // An id above any this server published (a fresh install, a restored backup) is unknown: go live.
    const resumeFrom =
      query.lastEventId !== undefined && query.lastEventId <= market.lastId ? query.lastEventId : undefined;
    const stored = resumeFrom === undefined ? undefined : await storedReplay(resumeFrom, query.symbols, deps);
    const imports = query.imports === "1";
    return openStream(c, deps, "disconnect", (conn) =>
      deps.live.ticks.open(conn, { symbols: query.symbols, resumeFrom, stored, imports }),
    );
  });
  return app;
}
