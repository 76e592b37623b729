import type { FeedHealth } from "./feed-health.ts";
import type { PriceEngine } from "./price-engine.ts";
import type { Tick } from "./tick.ts";
import type { TickHistory } from "./tick-history.ts";

/** The price feed as readers see it: its health and its changes, not the calls that report them. */
export interface MarketFeed {
  readonly health: FeedHealth;
  /** Call `listener` on every change; returns the function that stops it. */
  onChange(listener: (health: FeedHealth) => void): () => void;
}

/**
 * What pages, streams and services read of the market: published ticks only, never the engine
 * that numbers them.
 */
export interface Market {
  /** The configured symbols: the only ones the market quotes. */
  readonly symbols: ReadonlySet<string>;
  latest(symbol: string): Tick | undefined;
  /** The live price of `symbol`, undefined before its first tick; a function of its own, passed as it is. */
  readonly price: (symbol: string) => number | undefined;
  /** Ticks still in memory, newest first, at most `limit`. */
  recent(symbol: string, limit: number): Tick[];
  /** Ticks still in memory with an id above `afterId`, in id order: what a resuming stream missed. */
  since(afterId: number, accepts: (symbol: string) => boolean): Tick[];
  /** Whether memory still holds every tick above `afterId` of the symbols `accepts` (else: the database). */
  covers(afterId: number, accepts: (symbol: string) => boolean): boolean;
  /** Call `listener` with each round of published ticks (those committed together); returns its stop. */
  onRound(listener: (ticks: readonly Tick[]) => void): () => void;
  /** The last id published: one a client may have seen. */
  readonly lastId: number;
  readonly feed: MarketFeed;
}

export interface MarketSources {
  engine: Pick<PriceEngine, "symbols" | "lastPublishedId" | "feed" | "onRound">;
  history: TickHistory;
  /** The feed readers see, when it is not this engine's own (a node following the cluster's engine). */
  feed?: MarketFeed;
}

/**
 * The read port over the engine and its tick history; built once and shared.
 * @example const market = createMarket({ engine, history }); market.price("AAPL") // 187.3
 */
export function createMarket({ engine, history, feed }: MarketSources): Market {
  return {
    symbols: engine.symbols,
    latest: (symbol) => history.latest(symbol),
    price: (symbol) => history.latest(symbol)?.price,
    recent: (symbol, limit) => history.recent(symbol, limit),
    since: (afterId, accepts) => history.since(afterId, accepts),
    covers: (afterId, accepts) => history.covers(afterId, accepts),
    onRound: (listener) => engine.onRound(listener),
    get lastId() {
      return engine.lastPublishedId;
    },
    feed: feed ?? {
      get health() {
        return engine.feed.health;
      },
      onChange: (listener) => engine.feed.onChange(listener),
    },
  };
}
