/** A price observed by a source, before the engine numbers it as a tick. */
export interface PricePoint {
  symbol: string;
  price: number;
  ts: number;
}

/** One numbered price change, as stored, streamed and rendered. */
export interface Tick {
  /** Global event id, increasing across all symbols; the SSE `id:`. */
  id: number;
  symbol: string;
  price: number;
  prevPrice: number;
  change: number;
  changePercent: number;
  ts: number;
  /** Per-symbol sequence number: 1, 2, 3 … with no gap, across restarts. */
  seq: number;
}

export const roundCents = (value: number): number => Math.round(value * 100) / 100;
