import { FeedMonitor } from "../../src/engine/feed-health.ts";
import type { PriceSource, QuoteSink } from "../../src/engine/price-source.ts";

/** A price source a test drives by hand: `push("AAPL", 151.2)`. */
export class ManualSource implements PriceSource {
  readonly feed = new FeedMonitor("mock");
  #sink: QuoteSink | undefined;
  #clock = 1_700_000_000_000;

  start(sink: QuoteSink): void {
    this.#sink = sink;
  }

  stop(): void {
    this.#sink = undefined;
  }

  push(symbol: string, price: number): void {
    this.#sink?.quote({ symbol, price, ts: (this.#clock += 1000) });
  }
}
