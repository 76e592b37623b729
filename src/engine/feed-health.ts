/** The three states of a circuit breaker, as people read them. */
export type BreakerState = "closed" | "open" | "half-open";

/** How the price feed is doing; `interruptedSince` is set while ticks are not flowing. */
export interface FeedHealth {
  source: "mock" | "http" | "sse";
  state: BreakerState;
  lastSuccessAt: number | null;
  consecutiveFailures: number;
  droppedItems: number;
  interruptedSince: number | null;
  lastError: string | null;
}

/** `live` while the breaker is closed; otherwise the prices on screen are stale. */
export const feedStatus = (health: FeedHealth): "live" | "interrupted" | "probing" =>
  health.state === "closed" ? "live" : health.state === "open" ? "interrupted" : "probing";

/**
 * The feed's health, updated by its source and watched by health checks and pages.
 * @example feed.onChange((health) => render(health));
 */
export class FeedMonitor {
  #health: FeedHealth;
  readonly #listeners = new Set<(health: FeedHealth) => void>();

  constructor(source: FeedHealth["source"], private readonly now: () => number = Date.now) {
    this.#health = { source, state: "closed", lastSuccessAt: null, consecutiveFailures: 0, droppedItems: 0, interruptedSince: null, lastError: null };
  }

  get health(): FeedHealth {
    return this.#health;
  }

  /** Call `listener` on every change; returns the function that stops it. */
  onChange(listener: (health: FeedHealth) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  succeeded(): void {
    const wasFailing = this.#health.consecutiveFailures > 0 || this.#health.interruptedSince !== null;
    this.#health = { ...this.#health, lastSuccessAt: this.now(), consecutiveFailures: 0, interruptedSince: null, lastError: null };
    if (wasFailing) this.#changed();
  }

  failed(error: unknown): void {
    this.#health = {
      ...this.#health,
      consecutiveFailures: this.#health.consecutiveFailures + 1,
      interruptedSince: this.#health.interruptedSince ?? this.now(),
      lastError: error instanceof Error ? error.message : String(error),
    };
    this.#changed();
  }

  dropped(count: number): void {
    if (count === 0) return;
    this.#health = { ...this.#health, droppedItems: this.#health.droppedItems + count };
    this.#changed();
  }

  breaker(state: BreakerState): void {
    if (state === this.#health.state) return;
    this.#health = { ...this.#health, state };
    this.#changed();
  }

  #changed(): void {
    for (const listener of this.#listeners) listener(this.#health);
  }
}
