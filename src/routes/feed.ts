import { Hono } from "hono";
import { feedStatus } from "../engine/feed-health.ts";
import type { Market } from "../engine/market.ts";

export interface FeedRoutesDeps {
  market: Pick<Market, "feed">;
}

/**
 * `GET /api/feed`: the price feed's breaker state, last success, failures and dropped items.
 * @example app.route("/api/feed", feedRoutes({ market }));
 */
export function feedRoutes({ market }: FeedRoutesDeps): Hono {
  const app = new Hono();
  app.get("/", (c) => {
    const health = market.feed.health;
    return c.json({ status: feedStatus(health), ...health });
  });
  return app;
}
