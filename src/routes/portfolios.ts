import { Hono } from "hono";
import type { AppDeps } from "../app.ts";
import { portfolioMetrics } from "../portfolio/metrics.ts";
import { HttpError } from "./http-error.ts";

/** `/api/portfolios`: every public portfolio valued live, or one by slug. */
export function portfolioRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const live = (symbol: string) => deps.engine.latest(symbol)?.price;

  app.get("/", (c) => c.json({ portfolios: deps.portfolios.all().map((p) => portfolioMetrics(p, live)) }));

  app.get("/:slug", (c) => {
    const portfolio = deps.portfolios.get(c.req.param("slug"));
    if (!portfolio) throw new HttpError(404, "portfolio_not_found", "Portfolio not found");
    return c.json(portfolioMetrics(portfolio, live));
  });
  return app;
}

/** `/api/community`: the community statistics as the dashboard shows them. */
export function communityRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  app.get("/", (c) => c.json(deps.community.stats));
  return app;
}
