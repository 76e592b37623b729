import type { Tick } from "./tick.ts";

/** What a subscriber does when its queue is full. */
export type OverflowPolicy = "coalesce" | "disconnect";

export interface SubscribeOptions {
  /** Which symbols to deliver; read on every publish, so a caller may change it live. */
  accepts: (symbol: string) => boolean;
  /** Most ticks waiting in the queue at once. */
  capacity: number;
  /**
   * `coalesce` keeps only the latest tick per symbol when the queue is full (dashboards);
   * `disconnect` closes the subscription (integrations, which resume by `Last-Event-ID`).
   */
  overflow: OverflowPolicy;
}

/** One subscriber's bounded queue. `take()` waits for the next batch. */
export class Subscription {
  #queue: Tick[] = [];
  #wake: (() => void) | undefined;
  #closed = false;
  coalesced = 0;

  constructor(
    readonly options: SubscribeOptions,
    private readonly onClose: (sub: Subscription) => void,
  ) {}

  get closed(): boolean {
    return this.#closed;
  }

  get size(): number {
    return this.#queue.length;
  }

  /** Called by the bus; never blocks. */
  offer(tick: Tick): void {
    if (this.#closed || !this.options.accepts(tick.symbol)) return;
    this.#queue.push(tick);
    if (this.#queue.length > this.options.capacity && !this.#makeRoom()) return;
    this.#wake?.();
  }

  /** Resolves with every waiting tick (oldest first), or with `[]` once closed. */
  async take(): Promise<Tick[]> {
    while (this.#queue.length === 0 && !this.#closed) {
      await new Promise<void>((resolve) => (this.#wake = resolve));
      this.#wake = undefined;
    }
    const batch = this.#queue;
    this.#queue = [];
    return batch;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#queue = [];
    this.onClose(this);
    this.#wake?.();
  }

  /** The queue is one over capacity: coalesce it to the latest tick per symbol, or close. */
  #makeRoom(): boolean {
    if (this.options.overflow === "coalesce") {
      const latest = new Map<string, Tick>();
      for (const tick of this.#queue) latest.set(tick.symbol, tick);
      this.coalesced += this.#queue.length - latest.size;
      this.#queue = [...latest.values()].sort((a, b) => a.id - b.id);
      if (this.#queue.length <= this.options.capacity) return true;
    }
    this.close();
    return false;
  }
}
/**
 * Fan-out of ticks to many subscribers, each with a bounded queue: a slow subscriber
 * is coalesced or disconnected, it never slows the publisher or the others.
 * @example const sub = bus.subscribe({ accepts: () => true, capacity: 256, overflow: "disconnect" });
 */
export class TickBus {
  readonly #subscribers = new Set<Subscription>();

  subscribe(options: SubscribeOptions): Subscription {
    const sub = new Subscription(options, (s) => this.#subscribers.delete(s));
    this.#subscribers.add(sub);
    return sub;
  }

  publish(tick: Tick): void {
    for (const sub of this.#subscribers) sub.offer(tick);
  }

  /** Which of `symbols` at least one subscriber wants right now. */
  wanted(symbols: Iterable<string>): string[] {
    const subs = [...this.#subscribers];
    return [...symbols].filter((symbol) => subs.some((sub) => sub.options.accepts(symbol)));
  }

  get subscriberCount(): number {
    return this.#subscribers.size;
  }

  /** Close every subscription (shutdown): their `take()` resolves with `[]`. */
  closeAll(): void {
    for (const sub of [...this.#subscribers]) sub.close();
  }
}
