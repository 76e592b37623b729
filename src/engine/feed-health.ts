import { Listeners } from "../listeners.ts";
/** The three states of a circuit breaker, as people read them. */
export type BreakerState = "closed" | "open" | "half-open";

/**
 * How the price feed is doing. `consecutiveFailures` counts failed attempts (retries included);
 * `interruptedSince` is set from the first poll or connection that failed altogether until the next success.
 */
export interface FeedHealth {
  source: "mock" | "http" | "sse";
  state: BreakerState;
  lastSuccessAt: number | null;
  consecutiveFailures: number;
  droppedItems: number;
  interruptedSince: number | null;
  lastError: string | null;
}

export type FeedStatus = "live" | "degraded" | "interrupted" | "probing";

/**
 * `live` while prices flow; `degraded` while polls fail but the breaker is still closed,
 * `interrupted` while it is open, `probing` while it lets one try through. Anything but `live`
 * means the prices on screen are stale, and only `live` has no `interruptedSince`.
 */
export function feedStatus(health: FeedHealth): FeedStatus {
  if (health.state === "open") return "interrupted";
  if (health.state === "half-open") return "probing";
  return health.interruptedSince === null ? "live" : "degraded";
}

/**
 * A feed's health before anything happened: breaker closed, nothing tried yet.
 * @example freshFeedHealth("mock").state // "closed"
 */
export const freshFeedHealth = (source: FeedHealth["source"]): FeedHealth => ({
  source,
  state: "closed",
  lastSuccessAt: null,
  consecutiveFailures: 0,
  droppedItems: 0,
  interruptedSince: null,
  lastError: null,
});

/**
 * The feed's health, updated by its source and watched by health checks and pages.
 * @example feed.onChange((health) => render(health));
 */
export class FeedMonitor {
  #health: FeedHealth;
  readonly #changes = new Listeners<FeedHealth>();

  constructor(
    source: FeedHealth["source"],
    private readonly now: () => number = Date.now,
  ) {
    this.#health = freshFeedHealth(source);
  }

  get health(): FeedHealth {
    return this.#health;
  }

  /** Call `listener` on every change; returns the function that stops it. */
  onChange(listener: (health: FeedHealth) => void): () => void {
    return this.#changes.add(listener);
  }

  succeeded(): void {
    const wasFailing = this.#health.consecutiveFailures > 0 || this.#health.interruptedSince !== null;
    this.#health = {
      ...this.#health,
      lastSuccessAt: this.now(),
      consecutiveFailures: 0,
      interruptedSince: null,
      lastError: null,
    };
    if (wasFailing) this.#changed();
  }

  /** One attempt failed (it may be retried). */
  failed(error: unknown): void {
    this.#health = {
      ...this.#health,
      consecutiveFailures: this.#health.consecutiveFailures + 1,
      lastError: messageOf(error),
    };
    this.#changed();
  }

  /** A whole poll or connection failed, retries included: ticks are not flowing. */
  interrupted(error: unknown): void {
    if (this.#health.interruptedSince !== null) return;
    this.#health = { ...this.#health, interruptedSince: this.now(), lastError: messageOf(error) };
    this.#changed();
  }

  dropped(count: number): void {
    if (count === 0) return;
    this.#health = { ...this.#health, droppedItems: this.#health.droppedItems + count };
    this.#changed();
  }

  breaker(state: BreakerState): void {
    if (state === this.#health.state) return;
    const interruptedSince =
      state === "open" ? (this.#health.interruptedSince ?? this.now()) : this.#health.interruptedSince;
    this.#health = { ...this.#health, state, interruptedSince };
    this.#changed();
  }

  #changed(): void {
    this.#changes.emit(this.#health);
  }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
