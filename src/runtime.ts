import type { Hono } from "hono";
import { createApp } from "./app.ts";
import { openImportDatabase } from "./b3/import-database.ts";
import { Importer, importerOptions } from "./b3/importer.ts";
import { B3_MIGRATIONS } from "./b3/migrations.ts";
import { QuoteQueries } from "./b3/quote-queries.ts";
import { boardRows } from "./board/board-rows.ts";
import { ClusterFeed } from "./cluster/cluster-feed.ts";
import { joinCluster } from "./cluster/cluster-node.ts";
import { CLUSTER_MIGRATIONS } from "./cluster/engine-term.ts";
import type { Config } from "./config.ts";
import { createMarket, type Market } from "./engine/market.ts";
import { PriceEngine } from "./engine/price-engine.ts";
import type { PriceSource } from "./engine/price-source.ts";
import { createSource } from "./engine/sources/create-source.ts";
import { TickHistory } from "./engine/tick-history.ts";
import { LiveStreams } from "./live/live-streams.ts";
import { PortfolioRenders } from "./live/portfolio-renders.ts";
import type { Logger } from "./log.ts";
import { memoByVersion } from "./memo.ts";
import { metricsHttp } from "./metrics/index.ts";
import { Metrics } from "./metrics/metrics.ts";
import { CommunityFeed } from "./portfolio/community-feed.ts";
import { ImportedTickers } from "./portfolio/imported-tickers.ts";
import { PORTFOLIO_MIGRATIONS } from "./portfolio/migrations.ts";
import { PortfolioBook } from "./portfolio/portfolio-book.ts";
import { PortfolioStore } from "./portfolio/portfolio-store.ts";
import { writeLimits } from "./routes/rate-limit.ts";
import { communityFrames } from "./sse/community-frames.ts";
import { tickFrames } from "./sse/tick-frames.ts";
import { openDatabase } from "./store/database.ts";
import { SummaryStore } from "./store/summary-store.ts";
import { TICK_MIGRATIONS } from "./store/tick-migrations.ts";
import { TickPruner } from "./store/tick-pruner.ts";
import { TickStore } from "./store/tick-store.ts";
import { summaryStatements } from "./store/tick-summaries.ts";
import { TickWriter } from "./store/tick-writer.ts";
import { WriteTurns } from "./store/write-turns.ts";

/** Ticks per symbol kept in memory: what a resuming stream can replay, and the newest history. */
const HISTORY_PER_SYMBOL = 300;
/** Ticks that may wait for a failing database (about 15 MB) before the engine refuses new quotes. */
const MAX_TICK_BACKLOG = 100_000;

/** Everything wired together, not yet listening: what `main` serves and tests call. */
export interface Runtime {
  app: Hono;
  engine: PriceEngine;
  /** What the pages and streams read: published ticks and the feed's health. */
  market: Market;
  /** Every live stream, and the hub that opens them. */
  live: LiveStreams;
  store: TickStore;
  writer: TickWriter;
  /** Deletes ticks older than the retention, in the background. */
  pruner: TickPruner;
  /** Stop the engine and the services that follow changes, end the streams, flush the writer, close the databases. */
  stop(): Promise<void>;
}

/**
 * Build store → engine → app from the configuration and start the engine.
 * `source` replaces the configured one (tests drive prices by hand).
 * @example const runtime = await createRuntime(loadConfig(process.env), log);
 */
export async function createRuntime(config: Config, log: Logger, source?: PriceSource): Promise<Runtime> {
  // The app's writes and the import worker's take turns at a `file:` database's write lock.
  const turns = new WriteTurns();
  const db = await openDatabase(
    config.databaseUrl,
    [...TICK_MIGRATIONS, ...PORTFOLIO_MIGRATIONS, ...B3_MIGRATIONS, ...CLUSTER_MIGRATIONS],
    config.databaseAuthToken,
    turns,
  );
  const store = new TickStore(db);
  const writer = new TickWriter(
    db,
    {
      batchSize: config.writerBatchSize,
      maxBacklog: MAX_TICK_BACKLOG,
      onCommitted: (ticks) => engine.publish(ticks),
      alsoWrite: summaryStatements,
    },
    log,
  );
  const history = new TickHistory(HISTORY_PER_SYMBOL);
  const symbols = config.symbols;
  for (const symbol of symbols)
    for (const tick of (await store.history(symbol, HISTORY_PER_SYMBOL)).reverse()) history.add(tick);

  const engine: PriceEngine = new PriceEngine({
    source:
      source ?? createSource(config, { wantedSymbols: () => live.wanted(symbols), lastId: () => engine.lastId, log }),
    history,
    persist: (tick) => writer.add(tick),
    symbols,
    cursor: await store.cursor(),
  });
  const { brokerUrl } = config.cluster;
  const clusterFeed = brokerUrl ? new ClusterFeed(engine.feed, { leaseMs: config.cluster.engineLeaseMs }) : undefined;
  const market = createMarket({ engine, history, feed: clusterFeed });
  const portfolios = await PortfolioBook.load(new PortfolioStore(db), { log });
  const community = new CommunityFeed(portfolios, market);
  const importDb = await openImportDatabase(config.databaseUrl, { authToken: config.databaseAuthToken, turns });
  const imports = new Importer(importDb, importerOptions(config), log);
  const cluster =
    brokerUrl && clusterFeed
      ? joinCluster(config.cluster, brokerUrl, {
          db,
          engine,
          store,
          writer,
          portfolios,
          feed: clusterFeed,
          importer: imports,
          log,
        })
      : undefined;
  // In a cluster, pages and streams follow the imports of every node.
  const importEvents = cluster?.imports ?? imports;
  const quotes = new QuoteQueries(db);
  const imported = new ImportedTickers(quotes, log);
  const stopFollowingHoldings = imported.follow(portfolios, importEvents);
  const rows = boardRows(market);
  const portfolioRenders = new PortfolioRenders({ portfolios, market, imported });
  const summaries = new SummaryStore(db);
  const live: LiveStreams = new LiveStreams({
    market,
    summaries,
    community,
    portfolios,
    importer: { list: (limit) => imports.list(limit), onEvent: (listener) => importEvents.onEvent(listener) },
    rows,
    tickFrames: tickFrames(),
    communityFrames: communityFrames(),
    portfolioRenders,
    hub: {
      heartbeatMs: config.heartbeatMs,
      writeTimeoutMs: config.streamWriteTimeoutMs,
      maxStreams: config.maxStreams,
      maxStreamsPerClient: config.maxStreamsPerClient,
    },
    log,
  });
  const pruner = new TickPruner(db, config.tickRetention, log);
  const limits = writeLimits(config.writeRates, config.trustProxy);
  const metrics = new Metrics({
    engine,
    writer,
    streams: live.hub,
    streamKinds: [live.ticks, live.boards, live.symbols, live.portfolios, live.imports].map((kind) => kind.audience),
    feed: () => market.feed.health,
    importer: imports,
    limits,
  });
  const app = createApp({
    eventsToken: config.eventsToken,
    uploadToken: config.uploadToken,
    trustProxy: config.trustProxy,
    limits,
    market,
    engine: cluster
      ? {
          get running() {
            return engine.running;
          },
          get refused() {
            return engine.refused;
          },
          ingest: (point) => cluster.ingest(point),
        }
      : engine,
    cluster: cluster && (() => cluster.status),
    store,
    summaries,
    writer,
    portfolios,
    community,
    imports,
    quotes,
    rows,
    dashboardPages: memoByVersion<string>(),
    portfolioRenders,
    live,
    pruner,
    log,
    metrics: metricsHttp(metrics, { token: config.metricsToken, accessLog: config.accessLog, log }),
  });
  if (cluster) await cluster.start();
  else if (config.cluster.engine !== "off") engine.start();
  pruner.start();
  metrics.start();
  await imports.start();

  return {
    app,
    engine,
    market,
    live,
    store,
    writer,
    pruner,
    async stop() {
      metrics.stop();
      await cluster?.stop();
      engine.stop();
      community.stop();
      stopFollowingHoldings();
      live.stop();
      await pruner.stop();
      await writer.close();
      await imports.stop();
      importDb.close();
      await portfolios.close();
      db.close();
    },
  };
}
