import { Hono, type MiddlewareHandler } from "hono";
import type { Market } from "../engine/market.ts";
import type { PriceEngine } from "../engine/price-engine.ts";
import { applyEvents } from "../portfolio/event-intake.ts";
import { EventBatch, PortfolioEvent } from "../portfolio/events.ts";
import type { PortfolioBook } from "../portfolio/portfolio-book.ts";
import { requireBearer } from "./bearer-token.ts";
import { HttpError } from "./http-error.ts";
import { parseOr400 } from "./validate.ts";

export interface EventRoutesDeps {
  /** The bearer token senders present; without one, events are refused. */
  eventsToken: string | undefined;
  market: Pick<Market, "symbols">;
  /** Where `stock.price_updated` events go: numbered like any quote. */
  engine: Pick<PriceEngine, "ingest">;
  portfolios: Pick<PortfolioBook, "apply">;
  /** Requests per token (`writeLimits(…).events`), counted once the token is checked. */
  limit: MiddlewareHandler;
}

/**
 * `POST /api/events` (bearer token): one portfolio or price event, or a batch applied in order.
 * An invalid event fails the whole batch with a 400 naming the field; nothing is applied.
 * @example app.route("/api/events", eventRoutes({ eventsToken, market, engine, portfolios, limit }));
 */
export function eventRoutes(deps: EventRoutesDeps): Hono {
  const app = new Hono();
  app.use(requireBearer(deps.eventsToken, "Events"), deps.limit);
  app.post("/", async (c) => {
    const body: unknown = await c.req.json().catch(() => {
      throw new HttpError(400, "invalid_json", "The body must be a JSON event or a JSON array of events");
    });
    const events = Array.isArray(body) ? parseOr400(EventBatch, body) : [parseOr400(PortfolioEvent, body)];
    events.forEach((event, i) => {
      if (event.type === "stock.price_updated" && !deps.market.symbols.has(event.symbol)) {
        const where = Array.isArray(body) ? `${i}.symbol` : "symbol";
        throw new HttpError(400, "invalid_parameter", `${where}: ${event.symbol} is not a configured symbol`);
      }
    });
    await applyEvents(events, deps.portfolios, (quote) => deps.engine.ingest(quote));
    return c.json({ accepted: events.length }, 202);
  });
  return app;
}
