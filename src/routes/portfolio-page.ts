import { Hono } from "hono";
import type { AppDeps } from "../app.ts";
import { portfolioMetrics } from "../portfolio/metrics.ts";
import { formatEvent } from "../sse/frame.ts";
import { portfolioLiveUpdate, portfolioPage } from "../views/portfolio-page.ts";
import { HttpError } from "./http-error.ts";
import { openStream } from "./open-stream.ts";

const QUEUE_CAPACITY = 64;

/** `/p/:slug`: a public portfolio (each view counts as a visit) and its live stream. */
export function portfolioPageRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const live = (symbol: string) => deps.engine.latest(symbol)?.price;
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
    const render = () => {
      const portfolio = deps.portfolios.get(slug);
      return portfolio ? String(portfolioLiveUpdate(portfolioMetrics(portfolio, live))) : "";
    };
    let stopWatching = () => {};
    return openStream(
      c,
      deps,
      async (out) => {
        out.write(formatEvent({ retry: 2000, data: render() }));
        stopWatching = deps.portfolios.onChange((slugs) => {
          if (!slugs.has(slug)) return;
          symbols = held();
          out.write(formatEvent({ data: render() }));
        });
        while ((await sub.take()).length > 0) out.write(formatEvent({ data: render() }));
      },
      () => {
        stopWatching();
        sub.close();
      },
    );
  });
  return app;
}
