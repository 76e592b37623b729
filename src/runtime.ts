import type { Hono } from "hono";
import { createApp } from "./app.ts";
import { openImportDatabase } from "./b3/import-database.ts";
import { Imports, importsOptions } from "./b3/imports.ts";
import { QuoteStore } from "./b3/quote-store.ts";
import type { Config } from "./config.ts";
import { PriceEngine } from "./engine/price-engine.ts";
import type { PriceSource } from "./engine/price-source.ts";
import { createSource } from "./engine/sources/create-source.ts";
import { TickBus } from "./engine/tick-bus.ts";
import { TickHistory } from "./engine/tick-history.ts";
import type { Logger } from "./log.ts";
import { CommunityFeed } from "./portfolio/community-feed.ts";
import { PortfolioBook } from "./portfolio/portfolio-book.ts";
import { PortfolioStore } from "./portfolio/portfolio-store.ts";
import { openDatabase } from "./store/database.ts";
import { TickStore } from "./store/tick-store.ts";
import { TickWriter } from "./store/tick-writer.ts";

const HISTORY_PER_SYMBOL = 100;
/** Ticks that may wait for a failing database (about 15 MB) before the engine refuses new quotes. */
const MAX_TICK_BACKLOG = 100_000;

/** Everything wired together, not yet listening: what `main` serves and tests call. */
export interface Runtime {
  app: Hono;
  engine: PriceEngine;
  /** Every open stream's subscription. */
  bus: TickBus;
  store: TickStore;
  writer: TickWriter;
  /** Stop the engine, end the streams, flush the writer, close the database. */
  stop(): Promise<void>;
}

/**
 * Build store → engine → app from the configuration and start the engine.
 * `source` replaces the configured one (tests drive prices by hand).
 * @example const runtime = await createRuntime(loadConfig(process.env), log);
 */
export async function createRuntime(config: Config, log: Logger, source?: PriceSource): Promise<Runtime> {
  const db = await openDatabase(config.databaseUrl);
  const store = new TickStore(db);
  const writer = new TickWriter(
    db,
    { batchSize: config.writerBatchSize, maxBacklog: MAX_TICK_BACKLOG, onCommitted: (ticks) => engine.publish(ticks) },
    log,
  );
  const history = new TickHistory(HISTORY_PER_SYMBOL);
  const bus = new TickBus();
  const symbols = config.symbols;
  for (const symbol of symbols)
    for (const tick of (await store.history(symbol, HISTORY_PER_SYMBOL)).reverse()) history.add(tick);

  const engine: PriceEngine = new PriceEngine({
    source:
      source ?? createSource(config, { wantedSymbols: () => bus.wanted(symbols), lastId: () => engine.lastId, log }),
    bus,
    history,
    persist: (tick) => writer.add(tick),
    symbols,
    cursor: await store.cursor(),
  });
  const portfolios = await PortfolioBook.load(new PortfolioStore(db), { log });
  const community = new CommunityFeed(portfolios, (symbol) => history.latest(symbol)?.price, bus);
  const importDb = await openImportDatabase(config.databaseUrl);
  const imports = new Imports(importDb, importsOptions(config), log);
  const shutdown = new AbortController();
  const app = createApp({
    config,
    engine,
    history,
    bus,
    store,
    writer,
    portfolios,
    community,
    imports,
    quotes: new QuoteStore(db),
    log,
    shutdown: shutdown.signal,
  });
  engine.start();
  await imports.start();

  return {
    app,
    engine,
    bus,
    store,
    writer,
    async stop() {
      engine.stop();
      community.stop();
      shutdown.abort();
      bus.closeAll();
      await writer.close();
      await imports.stop();
      importDb.close();
      await portfolios.close();
      db.close();
    },
  };
}
