import type { PriceSource } from "../../src/engine/price-source.ts";
import type { Quote } from "../../src/engine/tick.ts";

/** A price source a test drives by hand: `push("AAPL", 151.2)`. */
export class ManualSource implements PriceSource {
  #emit: ((quote: Quote) => void) | undefined;
  #clock = 1_700_000_000_000;

  start(emit: (quote: Quote) => void): void {
    this.#emit = emit;
  }

  stop(): void {
    this.#emit = undefined;
  }

  push(symbol: string, price: number): void {
    this.#emit?.({ symbol, price, ts: (this.#clock += 1000) });
  }
}
