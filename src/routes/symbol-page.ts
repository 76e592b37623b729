import { type Context, Hono } from "hono";
import type { FeedHealth } from "../engine/feed-health.ts";
import type { Market } from "../engine/market.ts";
import { formatEvent } from "../sse/frame.ts";
import { readHistory } from "../store/price-history.ts";
import type { TickStore } from "../store/tick-store.ts";
import { feedBadgeUpdate } from "../views/feed-badge.ts";
import { symbolLiveUpdate, symbolPage } from "../views/symbol-page.ts";
import { HttpError } from "./http-error.ts";
import { openStream, type StreamSettings } from "./open-stream.ts";
import { parseOr400, SymbolText } from "./validate.ts";

/** Ticks a symbol page shows: its chart window. */
const CHART_TICKS = 300;
const QUEUE_CAPACITY = 64;

export interface SymbolPageDeps extends StreamSettings {
  market: Pick<Market, "symbols" | "recent" | "subscribe" | "feed">;
  /** Ticks older than the market keeps in memory. */
  store: Pick<TickStore, "history">;
}

/**
 * `/s/:symbol`: one symbol's page, and its stream that moves the chart with every tick.
 * @example app.route("/s", symbolPageRoutes({ ...streams, market, store }));
 */
export function symbolPageRoutes(deps: SymbolPageDeps): Hono {
  const { market } = deps;
  const app = new Hono();
  const knownSymbol = (c: Context): string => {
    const symbol = parseOr400(SymbolText, c.req.param("symbol"));
    if (!market.symbols.has(symbol)) throw new HttpError(404, "unknown_symbol", `Unknown symbol ${symbol}`);
    return symbol;
  };
  /** Oldest first, as the chart draws them. */
  const chartWindow = async (symbol: string) => (await readHistory(market, deps.store, symbol, CHART_TICKS)).reverse();

  app.get("/:symbol", async (c) => {
    const symbol = knownSymbol(c);
    return c.html(symbolPage({ symbol, ticks: await chartWindow(symbol), feed: market.feed.health }));
  });

  app.get("/:symbol/stream", async (c) => {
    const symbol = knownSymbol(c);
    const sub = market.subscribe({ accepts: (s) => s === symbol, capacity: QUEUE_CAPACITY, overflow: "coalesce" });
    const ticks = await chartWindow(symbol);
    let stopFeed = () => {};
    return openStream(
      c,
      deps,
      async (out) => {
        const badge = (health: FeedHealth) => String(feedBadgeUpdate(health));
        out.write(
          formatEvent({
            retry: 2000,
            data: badge(market.feed.health) + String(symbolLiveUpdate({ symbol, ticks })),
          }),
        );
        stopFeed = market.feed.onChange((health) => out.write(formatEvent({ data: badge(health) })));
        for (let batch = await sub.take(); batch.length > 0; batch = await sub.take()) {
          const newer = batch.filter((t) => t.id > (ticks.at(-1)?.id ?? 0));
          ticks.push(...newer);
          ticks.splice(0, Math.max(0, ticks.length - CHART_TICKS));
          out.write(formatEvent({ data: String(symbolLiveUpdate({ symbol, ticks })) }));
        }
      },
      () => {
        stopFeed();
        sub.close();
      },
    );
  });
  return app;
}
