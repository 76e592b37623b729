import { Hono } from "hono";
import type { Market } from "../engine/market.ts";
import type { CommunityFeed } from "../portfolio/community-feed.ts";
import { portfolioMetrics } from "../portfolio/metrics.ts";
import type { PortfolioBook } from "../portfolio/portfolio-book.ts";
import { HttpError } from "./http-error.ts";

export interface PortfolioRoutesDeps {
  portfolios: Pick<PortfolioBook, "all" | "get">;
  market: Pick<Market, "price">;
}

/**
 * `/api/portfolios`: every public portfolio valued live, or one by slug.
 * @example app.route("/api/portfolios", portfolioRoutes({ portfolios, market }));
 */
export function portfolioRoutes({ portfolios, market }: PortfolioRoutesDeps): Hono {
  const app = new Hono();

  app.get("/", (c) => c.json({ portfolios: portfolios.all().map((p) => portfolioMetrics(p, market.price)) }));

  app.get("/:slug", (c) => {
    const portfolio = portfolios.get(c.req.param("slug"));
    if (!portfolio) throw new HttpError(404, "portfolio_not_found", "Portfolio not found");
    return c.json(portfolioMetrics(portfolio, market.price));
  });
  return app;
}

export interface CommunityRoutesDeps {
  community: Pick<CommunityFeed, "stats">;
}

/**
 * `/api/community`: the community statistics as the dashboard shows them.
 * @example app.route("/api/community", communityRoutes({ community }));
 */
export function communityRoutes({ community }: CommunityRoutesDeps): Hono {
  const app = new Hono();
  app.get("/", (c) => c.json(community.stats));
  return app;
}
