import { Listeners } from "../listeners.ts";
import type { FeedMonitor } from "./feed-health.ts";
import { isQuotablePrice } from "./price-bounds.ts";
import type { PriceSource } from "./price-source.ts";
import { type PricePoint, roundCents, type Tick } from "./tick.ts";
import type { TickHistory } from "./tick-history.ts";

/** Where the engine resumes numbering after a restart. */
export interface EngineCursor {
  lastId: number;
  lastSeq: ReadonlyMap<string, number>;
  lastPrice: ReadonlyMap<string, number>;
}

export interface PriceEngineDeps {
  source: PriceSource;
  history: TickHistory;
  /**
   * Queues a numbered tick for the database (the writer), which hands it back to `publish` once
   * committed; false when it cannot take more, and the quote is then not numbered at all.
   */
  persist: (tick: Tick) => boolean;
  symbols: readonly string[];
  cursor: EngineCursor;
}

/**
 * Turns quotes into numbered ticks (global id, per-symbol seq, change vs previous price) and hands
 * each to the store; `publish` gives committed ticks to the in-memory history and the bus, so no
 * client ever sees an id that a crash could number again.
 */
export class PriceEngine {
  readonly symbols: ReadonlySet<string>;
  #lastId: number;
  readonly #seq: Map<string, number>;
  readonly #price: Map<string, number>;
  #running = false;
  #lastPublishedId: number;
  readonly #rounds = new Listeners<readonly Tick[]>();
  emitted = 0;
  /** Quotes refused: a price outside the quotable range, or a database that cannot keep up. */
  refused = 0;

  constructor(private readonly deps: PriceEngineDeps) {
    this.symbols = new Set(deps.symbols);
    this.#lastId = deps.cursor.lastId;
    this.#lastPublishedId = deps.cursor.lastId;
    this.#seq = new Map(deps.cursor.lastSeq);
    this.#price = new Map(deps.cursor.lastPrice);
  }

  get running(): boolean {
    return this.#running;
  }

  start(): void {
    this.#running = true;
    this.deps.source.start({
      observe: (point) => this.ingest(point),
      relay: (tick) => this.relay(tick),
      currentPrice: (symbol) => this.#price.get(symbol),
    });
  }

  stop(): void {
    this.#running = false;
    this.deps.source.stop();
  }

  /**
   * Number on from `cursor` (the database's, read when this node became the cluster's engine):
   * ids, seqs and prices continue from what the previous engine committed. Only while stopped.
   */
  continueFrom(cursor: EngineCursor): void {
    if (this.#running) throw new Error("the engine must be stopped to continue from another cursor");
    this.#lastId = Math.max(cursor.lastId, this.#lastPublishedId);
    for (const [symbol, seq] of cursor.lastSeq) this.#seq.set(symbol, seq);
    for (const [symbol, price] of cursor.lastPrice) this.#price.set(symbol, price);
  }

  /**
   * Number one quote and queue it for the database. Quotes for unknown symbols, after stop, or
   * with a price outside the quotable range are ignored.
   */
  ingest(point: PricePoint): Tick | undefined {
    if (!this.#running || !this.symbols.has(point.symbol)) return undefined;
    if (!isQuotablePrice(point.price)) return this.#refuse();
    const prevPrice = this.#price.get(point.symbol) ?? point.price;
    const change = roundCents(point.price - prevPrice);
    return this.#number({
      id: this.#lastId + 1,
      symbol: point.symbol,
      price: point.price,
      prevPrice,
      change,
      changePercent: Math.round((change / prevPrice) * 10000) / 100,
      ts: point.ts,
      seq: (this.#seq.get(point.symbol) ?? 0) + 1,
    });
  }

  /**
   * Take a tick numbered by an upstream Tickertape, keeping its id and seq. A tick whose id
   * is not above the last one is a duplicate (e.g. replayed after a reconnect) and is dropped.
   */
  relay(tick: Tick): Tick | undefined {
    if (!this.#running || !this.symbols.has(tick.symbol) || tick.id <= this.#lastId) return undefined;
    if (!isQuotablePrice(tick.price) || !isQuotablePrice(tick.prevPrice)) return this.#refuse();
    return this.#number(tick);
  }

  /** Committed ticks, in id order: into the history, then out to every listener as one round. */
  publish(ticks: readonly Tick[]): void {
    const last = ticks.at(-1);
    if (!last) return;
    for (const tick of ticks) this.deps.history.add(tick);
    this.#lastPublishedId = last.id;
    this.#rounds.emit(ticks);
  }

  /** Call `listener` with every round of published ticks; returns the function that stops it. */
  onRound(listener: (ticks: readonly Tick[]) => void): () => void {
    return this.#rounds.add(listener);
  }

  #number(tick: Tick): Tick | undefined {
    if (!this.deps.persist(tick)) return this.#refuse();
    this.#lastId = tick.id;
    this.#seq.set(tick.symbol, tick.seq);
    this.#price.set(tick.symbol, tick.price);
    this.emitted++;
    return tick;
  }

  #refuse(): undefined {
    this.refused++;
    return undefined;
  }

  /** The last id numbered (it may still wait for its commit). */
  get lastId(): number {
    return this.#lastId;
  }

  /** The last id clients may have seen: committed and published. */
  get lastPublishedId(): number {
    return this.#lastPublishedId;
  }

  get feed(): FeedMonitor {
    return this.deps.source.feed;
  }
}
