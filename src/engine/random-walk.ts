import { FeedMonitor } from "./feed-health.ts";
import type { PriceSource, QuoteSink } from "./price-source.ts";
import type { Random } from "./random.ts";
import { roundCents, type Quote } from "./tick.ts";

/** How one symbol's mock price moves. */
export interface WalkSettings {
  symbol: string;
  startPrice: number;
  heartbeatMs: number;
  upProbability: number;
  maxChangePercent: number;
}

export const MIN_PRICE = 0.01;

/**
 * One step of the walk: a move of up to `maxChangePercent` %, up with probability
 * `upProbability`, rounded to cents and never below 0.01.
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
  return Math.max(MIN_PRICE, roundCents(next));
}

/** The mock source: every symbol walks on its own heartbeat. */
export class RandomWalkSource implements PriceSource {
  readonly #timers: ReturnType<typeof setInterval>[] = [];
  readonly #prices: Map<string, number>;

  /** `resumeFrom`: prices to continue from (the last persisted ones) instead of the start prices. */
  constructor(
    private readonly walks: WalkSettings[],
    private readonly random: Random,
    resumeFrom: ReadonlyMap<string, number> = new Map(),
    private readonly now: () => number = Date.now,
  ) {
    this.#prices = new Map(resumeFrom);
  }

  readonly feed = new FeedMonitor("mock");

  start(sink: QuoteSink): void {
    for (const walk of this.walks) {
      const timer = setInterval(() => sink.quote(this.step(walk)), walk.heartbeatMs);
      this.#timers.push(timer);
    }
  }

  /** Advance one symbol by one step and return its new quote. */
  step(walk: WalkSettings): Quote {
    const price = this.#prices.get(walk.symbol) ?? walk.startPrice;
    const next = walkStep(price, walk, this.random);
    this.#prices.set(walk.symbol, next);
    return { symbol: walk.symbol, price: next, ts: this.now() };
  }

  stop(): void {
    for (const timer of this.#timers.splice(0)) clearInterval(timer);
  }
}
