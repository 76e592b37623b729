import { createApp } from "./app.ts";
import type { Config } from "./config.ts";
import { PriceEngine } from "./engine/price-engine.ts";
import { RandomWalkSource } from "./engine/random-walk.ts";
import { seededRandom } from "./engine/random.ts";
import { TickBus } from "./engine/tick-bus.ts";
import { TickHistory } from "./engine/tick-history.ts";
import type { Logger } from "./log.ts";
import { openDatabase } from "./store/database.ts";
import { TickStore } from "./store/tick-store.ts";
import { TickWriter } from "./store/tick-writer.ts";

const HISTORY_PER_SYMBOL = 100;

export interface RunningServer {
  url: string;
  engine: PriceEngine;
  /** Stop the engine, end the streams, flush the writer, close the database. */
  stop(): Promise<void>;
}

/**
 * Build everything from the configuration and listen: store → engine → app → Bun.serve.
 * @example const server = await startServer(loadConfig(process.env), log);
 */
export async function startServer(config: Config, log: Logger): Promise<RunningServer> {
  const db = await openDatabase(config.databaseUrl);
  const store = new TickStore(db);
  const writer = new TickWriter(db, { batchSize: config.writerBatchSize, flushMs: config.writerFlushMs }, log);
  const history = new TickHistory(HISTORY_PER_SYMBOL);
  const bus = new TickBus();
  const symbols = config.walks.map((w) => w.symbol);
  for (const symbol of symbols) for (const tick of (await store.history(symbol, HISTORY_PER_SYMBOL)).reverse()) history.add(tick);

  const cursor = await store.cursor();
  const source = new RandomWalkSource(config.walks, seededRandom(config.randomSeed ?? Date.now()));
  source.resumeFrom(cursor.lastPrice);
  const startPrices = new Map(config.walks.map((w) => [w.symbol, cursor.lastPrice.get(w.symbol) ?? w.startPrice]));
  const engine = new PriceEngine({ source, bus, history, persist: (t) => writer.add(t), symbols, cursor: { ...cursor, lastPrice: startPrices } });

  const shutdown = new AbortController();
  const app = createApp({ config, engine, history, bus, store, log, shutdown: shutdown.signal });
  const server = Bun.serve({ port: config.port, hostname: config.host, fetch: app.fetch });
  engine.start();
  log.info("listening", { url: server.url.href, database: config.databaseUrl, symbols, resumedAtTick: cursor.lastId });

  return {
    url: server.url.href,
    engine,
    async stop() {
      engine.stop();
      shutdown.abort();
      bus.closeAll();
      await server.stop();
      await writer.close();
      db.close();
      log.info("stopped", { emitted: engine.emitted, written: writer.written, lastTickId: engine.lastId });
    },
  };
}
