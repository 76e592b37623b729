import { type Context, Hono } from "hono";
import * as v from "valibot";
import type { Market } from "../engine/market.ts";
import { type ChartView, INTERVAL_NAMES, RANGE_NAMES } from "../live/chart-window.ts";
import type { SymbolStreams } from "../live/symbol-streams.ts";
import { HttpError } from "./http-error.ts";
import { openStream, type StreamOpening } from "./open-stream.ts";
import { parseOr400, SymbolText } from "./validate.ts";

const ChartQuery = v.object({
  interval: v.optional(v.picklist(INTERVAL_NAMES, `one of ${INTERVAL_NAMES.join(", ")}`), "1m"),
  range: v.optional(v.picklist(RANGE_NAMES, `one of ${RANGE_NAMES.join(", ")}`), "1d"),
});

export interface SymbolPageDeps extends StreamOpening {
  market: Pick<Market, "symbols">;
  live: { symbols: Pick<SymbolStreams, "load" | "open" | "page"> };
}

/**
 * `/s/:symbol?interval=1m&range=1d`: one symbol's candles, and its stream that moves the forming
 * candle with every tick. Intervals 1s … 1d, ranges 1h, 1d, 1w, all; a bad one is a 400 naming it.
 * @example app.route("/s", symbolPageRoutes({ hub, trustProxy, market, live }));
 */
export function symbolPageRoutes(deps: SymbolPageDeps): Hono {
  const { market } = deps;
  const app = new Hono();
  const streams = deps.live.symbols;
  const chartOf = async (c: Context): Promise<ChartView> => {
    const symbol = parseOr400(SymbolText, c.req.param("symbol"));
    if (!market.symbols.has(symbol)) throw new HttpError(404, "unknown_symbol", `Unknown symbol ${symbol}`);
    const view = { symbol, ...parseOr400(ChartQuery, c.req.query()) };
    await streams.load(view);
    return view;
  };

  app.get("/:symbol", async (c) => c.html(streams.page(await chartOf(c))));

  app.get("/:symbol/stream", async (c) => {
    const view = await chartOf(c);
    return openStream(c, deps, "coalesce", (conn) => streams.open(conn, view));
  });
  return app;
}
