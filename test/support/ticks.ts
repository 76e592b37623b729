import type { Tick } from "../../src/engine/tick.ts";

/** A tick with just what a test chooses: its id (also its time and seq), symbol and price. */
export const tickOf = (id: number, symbol: string, price: number): Tick => ({
  id,
  symbol,
  price,
  prevPrice: price,
  change: 0,
  changePercent: 0,
  ts: id,
  seq: id,
});
