import { FeedMonitor } from "./feed-health.ts";
import { MAX_PRICE, MIN_PRICE } from "./price-bounds.ts";
import type { PriceSink, PriceSource } from "./price-source.ts";
import type { Random } from "./random.ts";
import { type PricePoint, roundCents } from "./tick.ts";

/** How one symbol's mock price moves. */
export interface WalkSettings {
  symbol: string;
  startPrice: number;
  /** How often the walk takes a step. */
  stepMs: number;
  upProbability: number;
  maxChangePercent: number;
}

/**
 * One step of the walk: a move of up to `maxChangePercent` %, up with probability
 * `upProbability`, rounded to cents, within 0.01 … `MAX_PRICE`.
 * @example walkStep(100, { upProbability: 1, maxChangePercent: 2 }, Math.random) // 100 … 102
 */
export function walkStep(
  price: number,
  settings: Pick<WalkSettings, "upProbability" | "maxChangePercent">,
  random: Random,
): number {
  const up = random() < settings.upProbability;
  const r = random() * settings.maxChangePercent;
  const next = up ? price * (1 + r / 100) : price * (1 - r / 100);
  return Math.min(MAX_PRICE, Math.max(MIN_PRICE, roundCents(next)));
}

/** The mock source: walks with the same step interval move together, on one timer. */
export class RandomWalkSource implements PriceSource {
  readonly #timers: ReturnType<typeof setInterval>[] = [];

  constructor(
    private readonly walks: WalkSettings[],
    private readonly random: Random,
    private readonly now: () => number = Date.now,
  ) {}

  readonly feed = new FeedMonitor("mock");

  start(sink: PriceSink): void {
    for (const [stepMs, walks] of Map.groupBy(this.walks, (walk) => walk.stepMs)) {
      const stepAll = () => {
        for (const walk of walks) sink.observe(this.step(walk, sink));
      };
      this.#timers.push(setInterval(stepAll, stepMs));
    }
  }

  /**
   * One step of `walk` from the symbol's current price (the engine's: a price that came from
   * elsewhere, like a `stock.price_updated` event, moves the walk too).
   */
  step(walk: WalkSettings, sink: Pick<PriceSink, "currentPrice">): PricePoint {
    const next = walkStep(sink.currentPrice(walk.symbol) ?? walk.startPrice, walk, this.random);
    return { symbol: walk.symbol, price: next, ts: this.now() };
  }

  stop(): void {
    for (const timer of this.#timers.splice(0)) clearInterval(timer);
  }
}
