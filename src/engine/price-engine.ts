import type { FeedMonitor } from "./feed-health.ts";
import type { PriceSource } from "./price-source.ts";
import type { TickBus } from "./tick-bus.ts";
import type { TickHistory } from "./tick-history.ts";
import { roundCents, type Quote, type Tick } from "./tick.ts";

/** Where the engine resumes numbering after a restart. */
export interface EngineCursor {
  lastId: number;
  lastSeq: ReadonlyMap<string, number>;
  lastPrice: ReadonlyMap<string, number>;
}

export interface PriceEngineDeps {
  source: PriceSource;
  bus: TickBus;
  history: TickHistory;
  /** Receives every tick, in order, before subscribers do (the store's writer). */
  persist: (tick: Tick) => void;
  symbols: readonly string[];
  cursor: EngineCursor;
}

/**
 * Turns quotes into numbered ticks (global id, per-symbol seq, change vs previous price)
 * and hands each to the store, the in-memory history and the bus.
 */
export class PriceEngine {
  readonly symbols: ReadonlySet<string>;
  #lastId: number;
  readonly #seq: Map<string, number>;
  readonly #price: Map<string, number>;
  #running = false;
  emitted = 0;

  constructor(private readonly deps: PriceEngineDeps) {
    this.symbols = new Set(deps.symbols);
    this.#lastId = deps.cursor.lastId;
    this.#seq = new Map(deps.cursor.lastSeq);
    this.#price = new Map(deps.cursor.lastPrice);
  }

  get running(): boolean {
    return this.#running;
  }

  start(): void {
    this.#running = true;
    this.deps.source.start({ quote: (quote) => this.ingest(quote), relay: (tick) => this.relay(tick) });
  }

  stop(): void {
    this.#running = false;
    this.deps.source.stop();
  }

  /** Number one quote and publish it. Quotes for unknown symbols or after stop are ignored. */
  ingest(quote: Quote): Tick | undefined {
    if (!this.#running || !this.symbols.has(quote.symbol)) return undefined;
    const prevPrice = this.#price.get(quote.symbol) ?? quote.price;
    const change = roundCents(quote.price - prevPrice);
    return this.#publish({
      id: ++this.#lastId,
      symbol: quote.symbol,
      price: quote.price,
      prevPrice,
      change,
      changePercent: prevPrice > 0 ? Math.round((change / prevPrice) * 10000) / 100 : 0,
      ts: quote.ts,
      seq: (this.#seq.get(quote.symbol) ?? 0) + 1,
    });
  }

  /**
   * Publish a tick numbered by an upstream Tickertape, keeping its id and seq. A tick whose id
   * is not above the last one is a duplicate (e.g. replayed after a reconnect) and is dropped.
   */
  relay(tick: Tick): Tick | undefined {
    if (!this.#running || !this.symbols.has(tick.symbol) || tick.id <= this.#lastId) return undefined;
    this.#lastId = tick.id;
    return this.#publish(tick);
  }

  #publish(tick: Tick): Tick {
    this.#seq.set(tick.symbol, tick.seq);
    this.#price.set(tick.symbol, tick.price);
    this.emitted++;
    this.deps.persist(tick);
    this.deps.history.add(tick);
    this.deps.bus.publish(tick);
    return tick;
  }

  latest(symbol: string): Tick | undefined {
    return this.deps.history.latest(symbol);
  }

  get lastId(): number {
    return this.#lastId;
  }

  get feed(): FeedMonitor {
    return this.deps.source.feed;
  }
}
