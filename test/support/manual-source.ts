import { FeedMonitor } from "../../src/engine/feed-health.ts";
import type { PriceSink, PriceSource } from "../../src/engine/price-source.ts";

/** A price source a test drives by hand: `await push("AAPL", 151.2)` resolves once the tick is published. */
export class ManualSource implements PriceSource {
  readonly feed = new FeedMonitor("mock");
  #sink: PriceSink | undefined;
  #clock = 1_700_000_000_000;
  /** Resolves once every tick numbered so far is committed and published (the runtime's writer). */
  settled: () => Promise<void> = async () => {};

  start(sink: PriceSink): void {
    this.#sink = sink;
  }

  stop(): void {
    this.#sink = undefined;
  }

  /** A tick at a chosen time (candle windows), published once committed. */
  async pushAt(symbol: string, price: number, ts: number): Promise<void> {
    this.#sink?.observe({ symbol, price, ts });
    await this.settled();
  }

  async push(symbol: string, price: number): Promise<void> {
    this.#clock += 1000;
    this.#sink?.observe({ symbol, price, ts: this.#clock });
    await this.settled();
  }
}
