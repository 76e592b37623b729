import type { FeedMonitor } from "./feed-health.ts";
import type { PricePoint, Tick } from "./tick.ts";

/** What a source feeds: price points the engine numbers, or ticks numbered upstream. */
export interface PriceSink {
  observe(point: PricePoint): void;
  /** A tick from another Tickertape, its id and seq kept. */
  relay(tick: Tick): void;
  /** The symbol's current price, where a walk continues from; undefined before its first tick. */
  currentPrice(symbol: string): number | undefined;
}

/** Where prices come from. The engine starts a source with a sink and stops it on shutdown. */
export interface PriceSource {
  /** How the feed is doing, for health checks and the pages. */
  readonly feed: FeedMonitor;
  start(sink: PriceSink): void;
  stop(): void;
}
