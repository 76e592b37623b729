import type { FeedMonitor } from "./feed-health.ts";
import type { Quote, Tick } from "./tick.ts";

/** What a source feeds: plain quotes the engine numbers, or ticks numbered upstream. */
export interface QuoteSink {
  quote(quote: Quote): void;
  /** A tick from another Tickertape, its id and seq kept. */
  relay(tick: Tick): void;
  /** The symbol's current price, where a walk continues from; undefined before its first tick. */
  price(symbol: string): number | undefined;
}

/** Where prices come from. The engine starts a source with a sink and stops it on shutdown. */
export interface PriceSource {
  /** How the feed is doing, for health checks and the pages. */
  readonly feed: FeedMonitor;
  start(sink: QuoteSink): void;
  stop(): void;
}
