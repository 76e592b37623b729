import type { Tick } from "./tick.ts";

/** A symbol's figures over all its ticks: first and last, how many, lowest and highest with when. */
export interface SymbolStats {
  symbol: string;
  first: { id: number; ts: number; price: number };
  last: { id: number; ts: number; price: number };
  ticks: number;
  low: { price: number; ts: number };
  high: { price: number; ts: number };
}

/**
 * What a batch of ticks (in id order) adds to each symbol's statistics, to merge into the stored
 * ones: first kept, last replaced, ticks added, low and high widened (the earliest time wins a tie).
 * @example statsOf([tick]) // [{ symbol: "AAPL", ticks: 1, … }]
 */
export function statsOf(ticks: readonly Tick[]): SymbolStats[] {
  const stats = new Map<string, SymbolStats>();
  for (const tick of ticks) {
    const point = { id: tick.id, ts: tick.ts, price: tick.price };
    const known = stats.get(tick.symbol);
    if (!known) {
      const extreme = { price: tick.price, ts: tick.ts };
      stats.set(tick.symbol, {
        symbol: tick.symbol,
        first: point,
        last: point,
        ticks: 1,
        low: extreme,
        high: { ...extreme },
      });
      continue;
    }
    known.last = point;
    known.ticks++;
    if (tick.price < known.low.price) known.low = { price: tick.price, ts: tick.ts };
    if (tick.price > known.high.price) known.high = { price: tick.price, ts: tick.ts };
  }
  return [...stats.values()];
}
