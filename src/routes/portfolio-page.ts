import { Hono } from "hono";
import type { Market } from "../engine/market.ts";
import type { PortfolioRenders } from "../live/portfolio-renders.ts";
import type { PortfolioStreams } from "../live/portfolio-streams.ts";
import type { PortfolioBook } from "../portfolio/portfolio-book.ts";
import { HttpError } from "./http-error.ts";
import { openStream, type StreamOpening } from "./open-stream.ts";
import { portfolioVisitor } from "./portfolio-visitor.ts";

export interface PortfolioPageDeps extends StreamOpening {
  portfolios: Pick<PortfolioBook, "get" | "visit">;
  market: Pick<Market, "feed">;
  portfolioRenders: Pick<PortfolioRenders, "page">;
  live: { portfolios: Pick<PortfolioStreams, "open"> };
}

/**
 * `/p/:slug`: a public portfolio (a visit counts once per visitor per day) and its live stream.
 * @example app.route("/p", portfolioPageRoutes({ hub, trustProxy, portfolios, market, portfolioRenders, live }));
 */
export function portfolioPageRoutes(deps: PortfolioPageDeps): Hono {
  const { portfolios, market, portfolioRenders: renders } = deps;
  const app = new Hono();
  const find = (slug: string) => {
    const portfolio = portfolios.get(slug);
    if (!portfolio) throw new HttpError(404, "portfolio_not_found", "Portfolio not found");
    return portfolio;
  };

  app.get("/:slug", (c) => {
    const portfolio = find(c.req.param("slug"));
    portfolios.visit(portfolio.slug, portfolioVisitor(c));
    return c.html(renders.page(portfolio, market.feed.health));
  });

  app.get("/:slug/stream", (c) => {
    const slug = find(c.req.param("slug")).slug;
    return openStream(c, deps, "coalesce", (conn) => deps.live.portfolios.open(conn, slug));
  });
  return app;
}
