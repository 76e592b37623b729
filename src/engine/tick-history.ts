import type { Tick } from "./tick.ts";

/** The latest price and the last N ticks of every symbol, in memory. */
export class TickHistory {
  readonly #rings = new Map<string, Tick[]>();

  constructor(readonly perSymbol: number) {}

  add(tick: Tick): void {
    let ring = this.#rings.get(tick.symbol);
    if (!ring) {
      ring = [];
      this.#rings.set(tick.symbol, ring);
    }
    ring.push(tick);
    if (ring.length > this.perSymbol) ring.shift();
  }

  latest(symbol: string): Tick | undefined {
    return this.#rings.get(symbol)?.at(-1);
  }

  /** Newest first, at most `limit`. */
  recent(symbol: string, limit = this.perSymbol): Tick[] {
    const ring = this.#rings.get(symbol) ?? [];
    return ring.slice(-limit).reverse();
  }

  /**
   * Whether every tick with an id above `afterId` of the symbols `accepts` is still held: each
   * symbol's oldest tick held is at most the next id (a symbol with nothing held has lost nothing).
   */
  covers(afterId: number, accepts: (symbol: string) => boolean): boolean {
    for (const [symbol, ring] of this.#rings) {
      const oldest = ring[0];
      if (accepts(symbol) && oldest && oldest.id > afterId + 1 && ring.length >= this.perSymbol) return false;
    }
    return true;
  }

  /** Ticks with an id above `afterId` still held, in id order: what a resuming stream missed. */
  since(afterId: number, accepts: (symbol: string) => boolean): Tick[] {
    const missed: Tick[] = [];
    for (const [symbol, ring] of this.#rings) {
      if (!accepts(symbol)) continue;
      for (const tick of ring) if (tick.id > afterId) missed.push(tick);
    }
    return missed.sort((a, b) => a.id - b.id);
  }
}
