import { Hono } from "hono";
import type { AppDeps } from "../app.ts";
import type { FeedHealth } from "../engine/feed-health.ts";
import { ImportedTickers } from "../portfolio/imported-tickers.ts";
import { type Portfolio, portfolioMetrics } from "../portfolio/metrics.ts";
import { formatEvent } from "../sse/frame.ts";
import { feedBadgeUpdate } from "../views/feed-badge.ts";
import { portfolioLiveUpdate, portfolioPage } from "../views/portfolio-page.ts";
import { holdingLinks } from "./holding-links.ts";
import { HttpError } from "./http-error.ts";
import { openStream } from "./open-stream.ts";
import { portfolioVisitor } from "./portfolio-visitor.ts";

const QUEUE_CAPACITY = 64;

/** `/p/:slug`: a public portfolio (a visit counts once per visitor per day) and its live stream. */
export function portfolioPageRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const live = (symbol: string) => deps.engine.latest(symbol)?.price;
  const symbolsOf = (portfolios: (Portfolio | undefined)[]) =>
    portfolios.flatMap((p) => p?.holdings.map((h) => h.symbol) ?? []);
  const imported = new ImportedTickers(deps.quotes, deps.log);
  imported.lookUp(symbolsOf(deps.portfolios.all()));
  deps.portfolios.onChange((slugs) => imported.lookUp(symbolsOf([...slugs].map((s) => deps.portfolios.get(s)))));
  deps.imports.onEvent((event) => event.kind === "finished" && imported.lookUpAgain(symbolsOf(deps.portfolios.all())));
  const linksOf = (portfolio: Portfolio) => holdingLinks(symbolsOf([portfolio]), deps.engine.symbols, imported);

  /** A portfolio's live part, rendered once per version of the portfolio, its prices and links, for every watcher. */
  const rendered = new Map<string, { portfolio: Portfolio; prices: string; links: number; html: string }>();
  const renderLive = (slug: string): string => {
    const portfolio = deps.portfolios.get(slug);
    if (!portfolio) {
      rendered.delete(slug);
      return "";
    }
    const prices = portfolio.holdings.map((h) => live(h.symbol)).join();
    const links = imported.version;
    const cached = rendered.get(slug);
    if (cached?.portfolio === portfolio && cached.prices === prices && cached.links === links) return cached.html;
    const html = String(portfolioLiveUpdate(portfolioMetrics(portfolio, live), linksOf(portfolio)));
    rendered.set(slug, { portfolio, prices, links, html });
    return html;
  };
  const find = (slug: string) => {
    const portfolio = deps.portfolios.get(slug);
    if (!portfolio) throw new HttpError(404, "portfolio_not_found", "Portfolio not found");
    return portfolio;
  };

  app.get("/:slug", (c) => {
    const portfolio = find(c.req.param("slug"));
    deps.portfolios.visit(portfolio.slug, portfolioVisitor(c));
    return c.html(portfolioPage(portfolioMetrics(portfolio, live), linksOf(portfolio), deps.engine.feed.health));
  });

  app.get("/:slug/stream", (c) => {
    const slug = find(c.req.param("slug")).slug;
    const held = () => new Set(deps.portfolios.get(slug)?.holdings.map((h) => h.symbol));
    let symbols = held();
    const sub = deps.bus.subscribe({ accepts: (s) => symbols.has(s), capacity: QUEUE_CAPACITY, overflow: "coalesce" });
    let lastSent = "";
    /** Send the live part when it changed (a visit changes the portfolio's trending, not its page). */
    const send = (out: { write(text: string): void }) => {
      const html = renderLive(slug);
      if (html === lastSent) return;
      lastSent = html;
      out.write(formatEvent({ data: html }));
    };
    const badge = (health: FeedHealth) => String(feedBadgeUpdate(health));
    let stopWatching = () => {};
    return openStream(
      c,
      deps,
      async (out) => {
        lastSent = renderLive(slug);
        out.write(formatEvent({ retry: 2000, data: badge(deps.engine.feed.health) + lastSent }));
        const stopPortfolio = deps.portfolios.onChange((slugs) => {
          if (!slugs.has(slug)) return;
          symbols = held();
          send(out);
        });
        const stopFeed = deps.engine.feed.onChange((health) => out.write(formatEvent({ data: badge(health) })));
        stopWatching = () => (stopPortfolio(), stopFeed());
        while ((await sub.take()).length > 0) send(out);
      },
      () => {
        stopWatching();
        sub.close();
      },
    );
  });
  return app;
}
