import { Hono } from "hono";
import { apiDocRoutes } from "./api-docs/routes.ts";
import type { Importer } from "./b3/importer.ts";
import type { QuoteQueries } from "./b3/quote-queries.ts";
import type { BoardRows } from "./board/board-rows.ts";
import type { ClusterStatus } from "./cluster/cluster-node.ts";
import type { Market } from "./engine/market.ts";
import type { PriceEngine } from "./engine/price-engine.ts";
import type { PricePoint } from "./engine/tick.ts";
import type { LiveStreams } from "./live/live-streams.ts";
import type { PortfolioRenders } from "./live/portfolio-renders.ts";
import type { Logger } from "./log.ts";
import type { VersionedMemo } from "./memo.ts";
import type { MetricsHttp } from "./metrics/index.ts";
import type { CommunityFeed } from "./portfolio/community-feed.ts";
import type { PortfolioBook } from "./portfolio/portfolio-book.ts";
import { assetRoutes } from "./routes/assets.ts";
import { smallBody } from "./routes/body-limit.ts";
import { candleRoutes } from "./routes/candles.ts";
import { dashboardRoutes } from "./routes/dashboard.ts";
import { errorHandler } from "./routes/error-response.ts";
import { eventRoutes } from "./routes/events.ts";
import { feedRoutes } from "./routes/feed.ts";
import { healthRoutes } from "./routes/health.ts";
import { importRoutes } from "./routes/imports.ts";
import { notFoundPage } from "./routes/not-found.ts";
import { portfolioPageRoutes } from "./routes/portfolio-page.ts";
import { communityRoutes, portfolioRoutes } from "./routes/portfolios.ts";
import { priceRoutes } from "./routes/prices.ts";
import { quoteExportRoutes } from "./routes/quote-export.ts";
import { quoteRoutes } from "./routes/quotes.ts";
import { quotesPageRoutes } from "./routes/quotes-page.ts";
import type { WriteLimits } from "./routes/rate-limit.ts";
import { securityHeaders } from "./routes/security-headers.ts";
import { streamRoutes } from "./routes/stream.ts";
import { symbolPageRoutes } from "./routes/symbol-page.ts";
import { tickExportRoutes } from "./routes/tick-export.ts";
import { UploadAccess } from "./routes/upload-access.ts";
import type { SummaryStore } from "./store/summary-store.ts";
import type { TickPruner } from "./store/tick-pruner.ts";
import type { TickStore } from "./store/tick-store.ts";
import type { TickWriter } from "./store/tick-writer.ts";

/** Every service the HTTP layer is built from, each route taking its part; built once in `runtime.ts`. */
export interface AppDeps {
  /** The bearer token of `POST /api/events`; without one, events are refused. */
  eventsToken: string | undefined;
  /** The operator's token for uploads (`UPLOAD_TOKEN`); without one, only loopback clients may upload. */
  uploadToken: string | undefined;
  market: Market;
  /** Its health, and the quotes of price events (sent to the engine's node, in a cluster). */
  engine: Pick<PriceEngine, "running" | "refused"> & { ingest(point: PricePoint): void };
  /** In a cluster: this node's role, the engine's node and the broker's connection. */
  cluster: (() => ClusterStatus) | undefined;
  store: TickStore;
  /** Candles and per-symbol statistics. */
  summaries: SummaryStore;
  writer: Pick<TickWriter, "health">;
  portfolios: PortfolioBook;
  community: CommunityFeed;
  /** B3 uploads and their imports. */
  imports: Importer;
  /** Imported B3 quotes and trades. */
  quotes: QuoteQueries;
  rows: BoardRows;
  /** Board pages, rendered once per content. */
  dashboardPages: VersionedMemo<string>;
  portfolioRenders: PortfolioRenders;
  /** Every live stream, and the hub that opens them. */
  live: LiveStreams;
  /** Tick retention, and what the database holds. */
  pruner: Pick<TickPruner, "report">;
  /** Count streams per `X-Forwarded-For` client, not per socket peer. */
  trustProxy: boolean;
  /** Writes allowed per minute: events per token, uploads and board changes per client. */
  limits: WriteLimits;
  log: Logger;
  /** Request ids, access log and request metrics on every request; `GET /metrics`. */
  metrics: MetricsHttp;
}

/**
 * The whole HTTP surface as one Hono app.
 * @example const res = await createApp(deps).request("http://localhost/api/prices");
 */
export function createApp(deps: AppDeps): Hono {
  const { eventsToken, market, engine, store, writer, portfolios, community, imports, quotes } = deps;
  const { rows, dashboardPages, portfolioRenders, live } = deps;
  const streams = { hub: live.hub, trustProxy: deps.trustProxy, live };
  const { limits } = deps;
  const uploadAccess = new UploadAccess({ token: deps.uploadToken, trustProxy: deps.trustProxy });
  const app = new Hono();
  app.use(deps.metrics.observe);
  app.use(securityHeaders);
  for (const path of ["/api/events", "/board/*", "/p/*", "/quotes/session"]) app.use(path, smallBody);
  app.route("/assets", assetRoutes());
  app.route("/metrics", deps.metrics.routes);
  app.route(
    "/health",
    healthRoutes({ store, engine, writer, market, streams: live.hub, storage: deps.pruner, cluster: deps.cluster }),
  );
  app.route("/api/prices", priceRoutes({ market, store, summaries: deps.summaries }));
  app.route("/api/prices", candleRoutes({ market, summaries: deps.summaries }));
  app.route("/api/prices", tickExportRoutes({ market, store, log: deps.log }));
  app.route("/api/stream", streamRoutes({ ...streams, market, store }));
  app.route("/api/feed", feedRoutes({ market, cluster: deps.cluster }));
  app.route(
    "/api/events",
    eventRoutes({
      eventsToken,
      market,
      engine,
      portfolios,
      limit: limits.events,
      counts: deps.metrics.eventCounts,
    }),
  );
  app.route("/api/portfolios", portfolioRoutes({ portfolios, market }));
  app.route("/api/community", communityRoutes({ community }));
  app.route("/p", portfolioPageRoutes({ ...streams, portfolios, market, portfolioRenders }));
  app.route("/api/quotes", quoteRoutes({ imports, quotes, uploadLimit: limits.uploads, uploadAccess }));
  app.route("/api", quoteExportRoutes({ quotes, log: deps.log }));
  app.route("/api", apiDocRoutes());
  app.route("/api/imports", importRoutes({ imports }));
  app.route("/quotes", quotesPageRoutes({ ...streams, imports, quotes, uploadLimit: limits.uploads, uploadAccess }));
  app.route("/s", symbolPageRoutes({ ...streams, market }));
  app.route("/", dashboardRoutes({ ...streams, market, community, rows, dashboardPages, boardLimit: limits.board }));
  app.notFound(notFoundPage);
  app.onError(errorHandler(deps.log));
  return app;
}
