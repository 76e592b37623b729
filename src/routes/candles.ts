import { Hono } from "hono";
import * as v from "valibot";
import { type Candle, INTERVAL_NAMES } from "../engine/candles.ts";
import type { Market } from "../engine/market.ts";
import type { SummaryStore } from "../store/summary-store.ts";
import { HttpError } from "./http-error.ts";
import { Limit, Moment, parseOr400, SymbolText } from "./validate.ts";

export const CandleQuery = v.pipe(
  v.object({
    interval: v.picklist(INTERVAL_NAMES, `one of ${INTERVAL_NAMES.join(", ")}`),
    from: Moment(() => 0),
    to: Moment(() => Date.now() + 1),
    limit: Limit(5000, 500),
  }),
  v.forward(
    v.partialCheck([["from"], ["to"]], (q) => q.from < q.to, "must be before to"),
    ["from"],
  ),
);

export interface CandleRoutesDeps {
  market: Pick<Market, "symbols">;
  summaries: Pick<SummaryStore, "candles" | "stats">;
  now?: () => number;
}

/**
 * A candle as the API answers it: ISO times, `forming` while its window is still open.
 * @example candleJson(candle, Date.now()) // { start: "2026-01-05T14:30:00.000Z", end: …, close: 187.3, forming: false }
 */
export const candleJson = (candle: Candle, now: number) => ({
  start: new Date(candle.start).toISOString(),
  end: new Date(candle.end).toISOString(),
  open: candle.open,
  high: candle.high,
  low: candle.low,
  close: candle.close,
  ticks: candle.ticks,
  forming: now < candle.end,
});

/**
 * `/api/prices/:symbol/candles?interval=1m&from=&to=&limit=` and `/api/prices/:symbol/stats`:
 * what a symbol's ticks sum up to, kept as they are written.
 * @example app.route("/api/prices", candleRoutes({ market, summaries }));
 */
export function candleRoutes({ market, summaries, now = Date.now }: CandleRoutesDeps): Hono {
  const app = new Hono();
  const knownSymbol = (raw: string): string => {
    const symbol = parseOr400(SymbolText, raw);
    if (!market.symbols.has(symbol)) throw new HttpError(404, "unknown_symbol", `Unknown symbol ${symbol}`);
    return symbol;
  };

  app.get("/:symbol/candles", async (c) => {
    const symbol = knownSymbol(c.req.param("symbol"));
    const query = parseOr400(CandleQuery, c.req.query());
    const candles = await summaries.candles({ symbol, ...query });
    const at = now();
    return c.json({ symbol, interval: query.interval, candles: candles.map((candle) => candleJson(candle, at)) });
  });

  app.get("/:symbol/stats", async (c) => {
    const symbol = knownSymbol(c.req.param("symbol"));
    const stats = await summaries.stats(symbol);
    if (!stats) throw new HttpError(404, "no_price_yet", `No price for ${symbol} yet`);
    const iso = (ts: number) => new Date(ts).toISOString();
    return c.json({
      symbol,
      ticks: stats.ticks,
      first: { ...stats.first, at: iso(stats.first.ts) },
      last: { ...stats.last, at: iso(stats.last.ts) },
      low: { ...stats.low, at: iso(stats.low.ts) },
      high: { ...stats.high, at: iso(stats.high.ts) },
    });
  });

  return app;
}
