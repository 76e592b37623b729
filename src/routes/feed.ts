import { Hono } from "hono";
import type { AppDeps } from "../app.ts";
import { feedStatus } from "../engine/feed-health.ts";

/** `GET /api/feed`: the price feed's breaker state, last success, failures and dropped items. */
export function feedRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  app.get("/", (c) => {
    const health = deps.engine.feed.health;
    return c.json({ status: feedStatus(health), ...health });
  });
  return app;
}
