import { Hono } from "hono";
import type { FeedHealth } from "../engine/feed-health.ts";
import type { Market } from "../engine/market.ts";
import { portfolioMetrics } from "../portfolio/metrics.ts";
import type { PortfolioBook } from "../portfolio/portfolio-book.ts";
import { formatEvent } from "../sse/frame.ts";
import { feedBadgeUpdate } from "../views/feed-badge.ts";
import { portfolioPage } from "../views/portfolio-page.ts";
import { HttpError } from "./http-error.ts";
import { openStream, type StreamSettings } from "./open-stream.ts";
import type { PortfolioRenders } from "./portfolio-renders.ts";
import { portfolioVisitor } from "./portfolio-visitor.ts";

const QUEUE_CAPACITY = 64;

export interface PortfolioPageDeps extends StreamSettings {
  portfolios: Pick<PortfolioBook, "get" | "visit" | "onChange">;
  market: Pick<Market, "price" | "subscribe" | "feed">;
  portfolioRenders: Pick<PortfolioRenders, "links" | "live">;
}

/**
 * `/p/:slug`: a public portfolio (a visit counts once per visitor per day) and its live stream.
 * @example app.route("/p", portfolioPageRoutes({ ...streams, portfolios, market, portfolioRenders }));
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
    return c.html(
      portfolioPage(portfolioMetrics(portfolio, market.price), renders.links(portfolio), market.feed.health),
    );
  });

  app.get("/:slug/stream", (c) => {
    const slug = find(c.req.param("slug")).slug;
    const held = () => new Set(portfolios.get(slug)?.holdings.map((h) => h.symbol));
    let symbols = held();
    const sub = market.subscribe({ accepts: (s) => symbols.has(s), capacity: QUEUE_CAPACITY, overflow: "coalesce" });
    let lastSent = "";
    /** Send the live part when it changed (a visit changes the portfolio's trending, not its page). */
    const send = (out: { write(text: string): void }) => {
      const html = renders.live(slug);
      if (html === lastSent) return;
      lastSent = html;
      out.write(formatEvent({ data: html }));
    };
    const badge = (health: FeedHealth) => String(feedBadgeUpdate(health));
    const watching: (() => void)[] = [];
    return openStream(
      c,
      deps,
      async (out) => {
        lastSent = renders.live(slug);
        out.write(formatEvent({ retry: 2000, data: badge(market.feed.health) + lastSent }));
        watching.push(
          portfolios.onChange((slugs) => {
            if (!slugs.has(slug)) return;
            symbols = held();
            send(out);
          }),
        );
        watching.push(market.feed.onChange((health) => out.write(formatEvent({ data: badge(health) }))));
        while ((await sub.take()).length > 0) send(out);
      },
      () => {
        for (const stop of watching) stop();
        sub.close();
      },
    );
  });
  return app;
}
