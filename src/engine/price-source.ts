import type { Quote } from "./tick.ts";

/** Where prices come from. The engine starts a source with a sink and stops it on shutdown. */
export interface PriceSource {
  start(emit: (quote: Quote) => void): void;
  stop(): void;
}
