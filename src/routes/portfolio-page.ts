import { Hono } from "hono";
import type { AppDeps } from "../app.ts";
import { portfolioMetrics, type Portfolio } from "../portfolio/metrics.ts";
import { formatEvent } from "../sse/frame.ts";
import { portfolioLiveUpdate, portfolioPage } from "../views/portfolio-page.ts";
import { HttpError } from "./http-error.ts";
import { openStream } from "./open-stream.ts";

const QUEUE_CAPACITY = 64;

/** `/p/:slug`: a public portfolio (each view counts as a visit) and its live stream. */
export function portfolioPageRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const live = (symbol: string) => deps.engine.latest(symbol)?.price;
  /** A portfolio's live part, rendered once per version of the portfolio and tick, however many pages watch it. */
  const rendered = new Map<string, { portfolio: Portfolio; lastId: number; html: string }>();
  const renderLive = (slug: string): string => {
    const portfolio = deps.portfolios.get(slug);
    if (!portfolio) {
      rendered.delete(slug);
      return "";
    }
    const cached = rendered.get(slug);
    if (cached?.portfolio === portfolio && cached.lastId === deps.engine.lastId) return cached.html;
    const html = String(portfolioLiveUpdate(portfolioMetrics(portfolio, live)));
    rendered.set(slug, { portfolio, lastId: deps.engine.lastId, html });
    return html;
  };
  const find = (slug: string) => {
    const portfolio = deps.portfolios.get(slug);
    if (!portfolio) throw new HttpError(404, "portfolio_not_found", "Portfolio not found");
    return portfolio;
  };

  app.get("/:slug", async (c) => {
    const portfolio = find(c.req.param("slug"));
    await deps.portfolios.visit(portfolio.slug);
    return c.html(portfolioPage(portfolioMetrics(portfolio, live)));
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
    let stopWatching = () => {};
    return openStream(
      c,
      deps,
      async (out) => {
        out.write("retry: 2000\n\n");
        send(out);
        stopWatching = deps.portfolios.onChange((slugs) => {
          if (!slugs.has(slug)) return;
          symbols = held();
          send(out);
        });
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
