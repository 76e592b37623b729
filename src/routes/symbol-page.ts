import { type Context, Hono } from "hono";
import type { AppDeps } from "../app.ts";
import type { FeedHealth } from "../engine/feed-health.ts";
import { formatEvent } from "../sse/frame.ts";
import { readHistory } from "../store/price-history.ts";
import { feedBadgeUpdate } from "../views/feed-badge.ts";
import { symbolLiveUpdate, symbolPage } from "../views/symbol-page.ts";
import { HttpError } from "./http-error.ts";
import { openStream } from "./open-stream.ts";
import { parseOr400, SymbolText } from "./validate.ts";

/** Ticks a symbol page shows: its chart window. */
const CHART_TICKS = 300;
const QUEUE_CAPACITY = 64;

/** `/s/:symbol`: one symbol's page, and its stream that moves the chart with every tick. */
export function symbolPageRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const knownSymbol = (c: Context): string => {
    const symbol = parseOr400(SymbolText, c.req.param("symbol"));
    if (!deps.engine.symbols.has(symbol)) throw new HttpError(404, "unknown_symbol", `Unknown symbol ${symbol}`);
    return symbol;
  };
  /** Oldest first, as the chart draws them. */
  const chartWindow = async (symbol: string) =>
    (await readHistory(deps.history, deps.store, symbol, CHART_TICKS)).reverse();

  app.get("/:symbol", async (c) => {
    const symbol = knownSymbol(c);
    return c.html(symbolPage({ symbol, ticks: await chartWindow(symbol), feed: deps.engine.feed.health }));
  });

  app.get("/:symbol/stream", async (c) => {
    const symbol = knownSymbol(c);
    const sub = deps.bus.subscribe({ accepts: (s) => s === symbol, capacity: QUEUE_CAPACITY, overflow: "coalesce" });
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
            data: badge(deps.engine.feed.health) + String(symbolLiveUpdate({ symbol, ticks })),
          }),
        );
        stopFeed = deps.engine.feed.onChange((health) => out.write(formatEvent({ data: badge(health) })));
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
