import { Hono } from "hono";
import type { ImportDesk } from "./b3/imports.ts";
import type { QuoteReader } from "./b3/quote-store.ts";
import type { Config } from "./config.ts";
import type { PriceEngine } from "./engine/price-engine.ts";
import type { TickBus } from "./engine/tick-bus.ts";
import type { TickHistory } from "./engine/tick-history.ts";
import type { Logger } from "./log.ts";
import type { CommunityFeed } from "./portfolio/community-feed.ts";
import type { PortfolioBook } from "./portfolio/portfolio-book.ts";
import { assetRoutes } from "./routes/assets.ts";
import { smallBody } from "./routes/body-limit.ts";
import { dashboardRoutes } from "./routes/dashboard.ts";
import { eventRoutes } from "./routes/events.ts";
import { feedRoutes } from "./routes/feed.ts";
import { healthRoutes } from "./routes/health.ts";
import { errorResponse } from "./routes/http-error.ts";
import { importRoutes } from "./routes/imports.ts";
import { notFoundPage } from "./routes/not-found.ts";
import { portfolioPageRoutes } from "./routes/portfolio-page.ts";
import { communityRoutes, portfolioRoutes } from "./routes/portfolios.ts";
import { priceRoutes } from "./routes/prices.ts";
import { quoteRoutes } from "./routes/quotes.ts";
import { quotesPageRoutes } from "./routes/quotes-page.ts";
import { securityHeaders } from "./routes/security-headers.ts";
import { streamRoutes } from "./routes/stream.ts";
import { symbolPageRoutes } from "./routes/symbol-page.ts";
import type { TickStore } from "./store/tick-store.ts";
import type { TickWriter } from "./store/tick-writer.ts";

/** Everything the HTTP layer reads from; built once in `main.ts` (or a test). */
export interface AppDeps {
  config: Pick<Config, "heartbeatMs" | "eventsToken">;
  engine: PriceEngine;
  history: TickHistory;
  bus: TickBus;
  store: TickStore;
  /** The tick writer's health: ticks wait for it before they are published. */
  writer: Pick<TickWriter, "health">;
  portfolios: PortfolioBook;
  community: CommunityFeed;
  /** B3 uploads and their imports. */
  imports: ImportDesk;
  /** Imported B3 quotes and trades. */
  quotes: QuoteReader;
  log: Logger;
  /** Aborted when the server shuts down: open streams end. */
  shutdown: AbortSignal;
}

/**
 * The whole HTTP surface as one Hono app.
 * @example const res = await createApp(deps).request("http://localhost/api/prices");
 */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.use(securityHeaders);
  for (const path of ["/api/events", "/board/*", "/p/*"]) app.use(path, smallBody);
  app.route("/assets", assetRoutes());
  app.route("/health", healthRoutes(deps));
  app.route("/api/prices", priceRoutes(deps));
  app.route("/api/stream", streamRoutes(deps));
  app.route("/api/feed", feedRoutes(deps));
  app.route("/api/events", eventRoutes(deps));
  app.route("/api/portfolios", portfolioRoutes(deps));
  app.route("/api/community", communityRoutes(deps));
  app.route("/p", portfolioPageRoutes(deps));
  app.route("/api/quotes", quoteRoutes(deps));
  app.route("/api/imports", importRoutes(deps));
  app.route("/quotes", quotesPageRoutes(deps));
  app.route("/s", symbolPageRoutes(deps));
  app.route("/", dashboardRoutes(deps));
  app.notFound(notFoundPage);
  app.onError((error, c) =>
    errorResponse(c, error, (e) => deps.log.error("unhandled error", { path: c.req.path, error: String(e) })),
  );
  return app;
}
