import { Hono } from "hono";
import * as v from "valibot";
import type { Market } from "../engine/market.ts";
import { candlesBeyond, readHistory } from "../store/price-history.ts";
import type { SummaryStore } from "../store/summary-store.ts";
import type { TickStore } from "../store/tick-store.ts";
import { candleJson } from "./candles.ts";
import { HttpError } from "./http-error.ts";
import { Limit, parseOr400, SymbolText } from "./validate.ts";

export const HistoryQuery = v.object({ limit: Limit(1000, 100) });

export interface PriceRoutesDeps {
  market: Pick<Market, "symbols" | "latest" | "recent">;
  /** Ticks older than the market keeps in memory. */
  store: Pick<TickStore, "history">;
  /** What stands for ticks older than the retention: their 1m candles. */
  summaries: Pick<SummaryStore, "candles">;
}

/**
 * `/api/prices`: latest prices and per-symbol history as JSON. A history that stops short because
 * older ticks were pruned says so: `olderFrom: "candles"`, and `candles` (1m, newest first) for them.
 * @example app.route("/api/prices", priceRoutes({ market, store, summaries }));
 */
export function priceRoutes({ market, store, summaries }: PriceRoutesDeps): Hono {
  const app = new Hono();
  const knownSymbol = (raw: string): string => {
    const symbol = parseOr400(SymbolText, raw);
    if (!market.symbols.has(symbol)) throw new HttpError(404, "unknown_symbol", `Unknown symbol ${symbol}`);
    return symbol;
  };

  app.get("/", (c) => {
    const prices = [...market.symbols].flatMap((s) => market.latest(s) ?? []);
    return c.json({ prices });
  });

  app.get("/:symbol", (c) => {
    const symbol = knownSymbol(c.req.param("symbol"));
    const latest = market.latest(symbol);
    if (!latest) throw new HttpError(404, "no_price_yet", `No price for ${symbol} yet`);
    return c.json(latest);
  });

  app.get("/:symbol/history", async (c) => {
    const symbol = knownSymbol(c.req.param("symbol"));
    const { limit } = parseOr400(HistoryQuery, { limit: c.req.query("limit") });
    const ticks = await readHistory(market, store, symbol, limit);
    const older = await candlesBeyond(summaries, symbol, ticks, limit);
    if (!older) return c.json({ symbol, ticks });
    const now = Date.now();
    return c.json({ symbol, ticks, olderFrom: "candles", candles: older.map((candle) => candleJson(candle, now)) });
  });

  return app;
}
