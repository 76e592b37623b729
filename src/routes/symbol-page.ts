import { type Context, Hono } from "hono";
import type { Market } from "../engine/market.ts";
import type { SymbolStreams } from "../live/symbol-streams.ts";
import { HttpError } from "./http-error.ts";
import { openStream, type StreamOpening } from "./open-stream.ts";
import { parseOr400, SymbolText } from "./validate.ts";

export interface SymbolPageDeps extends StreamOpening {
  market: Pick<Market, "symbols">;
  live: { symbols: Pick<SymbolStreams, "open" | "page"> };
}

/**
 * `/s/:symbol`: one symbol's page, and its stream that moves the chart with every tick.
 * @example app.route("/s", symbolPageRoutes({ hub, trustProxy, market, live }));
 */
export function symbolPageRoutes(deps: SymbolPageDeps): Hono {
  const { market } = deps;
  const app = new Hono();
  const knownSymbol = (c: Context): string => {
    const symbol = parseOr400(SymbolText, c.req.param("symbol"));
    if (!market.symbols.has(symbol)) throw new HttpError(404, "unknown_symbol", `Unknown symbol ${symbol}`);
    return symbol;
  };
  const streams = deps.live.symbols;

  app.get("/:symbol", (c) => {
    const symbol = knownSymbol(c);
    return c.html(streams.page(symbol));
  });

  app.get("/:symbol/stream", (c) => {
    const symbol = knownSymbol(c);
    return openStream(c, deps, "coalesce", (conn) => streams.open(conn, symbol));
  });
  return app;
}
