import { Hono, type MiddlewareHandler } from "hono";
import type { Market } from "../engine/market.ts";
import type { PricePoint } from "../engine/tick.ts";
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
  /** Where a price event's quote goes: the engine, or the cluster's engine node. */
  engine: { ingest(point: PricePoint): void };
  portfolios: Pick<PortfolioBook, "apply">;
  /** Requests per token (`writeLimits(…).events`), counted once the token is checked. */
  limit: MiddlewareHandler;
  counts: EventCounts;
}

/** Whether a batch was applied, or refused (invalid, or not applied by the book). */
export type EventOutcome = "applied" | "refused";

/** Counts each batch's events by type and outcome (`/metrics`). */
export interface EventCounts {
  record(types: readonly string[], outcome: EventOutcome): void;
}

const EVENT_TYPES: ReadonlySet<string> = new Set(PortfolioEvent.options.map((schema) => schema.entries.type.literal));

/** Each event's type as counted: a known type as given, else `invalid` (so is a body that is no event). */
const typesOf = (body: unknown): string[] =>
  (Array.isArray(body) && body.length > 0 ? body : [body]).map((event: unknown) => {
    const type = typeof event === "object" && event !== null && "type" in event ? event.type : undefined;
    return typeof type === "string" && EVENT_TYPES.has(type) ? type : "invalid";
  });

/**
 * `POST /api/events` (bearer token): one portfolio or price event, or a batch applied in order.
 * An invalid event fails the whole batch with a 400 naming the field; nothing is applied.
 * Each batch's events are counted, applied or refused.
 * @example app.route("/api/events", eventRoutes({ eventsToken, market, engine, portfolios, limit }));
 */
export function eventRoutes(deps: EventRoutesDeps): Hono {
  const app = new Hono();
  app.use(requireBearer(deps.eventsToken, "Events"), deps.limit);
  app.post("/", async (c) => {
    let body: unknown;
    try {
      body = await c.req.json().catch(() => {
        throw new HttpError(400, "invalid_json", "The body must be a JSON event or a JSON array of events");
      });
      const events = await intake(body, deps);
      deps.counts.record(
        events.map((event) => event.type),
        "applied",
      );
      return c.json({ accepted: events.length }, 202);
    } catch (error) {
      deps.counts.record(typesOf(body), "refused");
      throw error;
    }
  });
  return app;
}

/** Validate the body as a batch and apply it; the events applied. */
async function intake(body: unknown, deps: EventRoutesDeps): Promise<PortfolioEvent[]> {
  const events = Array.isArray(body) ? parseOr400(EventBatch, body) : [parseOr400(PortfolioEvent, body)];
  events.forEach((event, i) => {
    if (event.type === "stock.price_updated" && !deps.market.symbols.has(event.symbol)) {
      const where = Array.isArray(body) ? `${i}.symbol` : "symbol";
      throw new HttpError(400, "invalid_parameter", `${where}: ${event.symbol} is not a configured symbol`);
    }
  });
  await applyEvents(events, deps.portfolios, (quote) => deps.engine.ingest(quote));
  return events;
}
