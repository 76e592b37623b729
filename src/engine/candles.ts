import type { Tick } from "./tick.ts";

/** The candle intervals, with their length in ms; windows are aligned to UTC (epoch multiples). */
export const CANDLE_INTERVALS = {
  "1s": 1_000,
  "10s": 10_000,
  "1m": 60_000,
  "5m": 300_000,
  "1h": 3_600_000,
  "1d": 86_400_000,
} as const;

export type CandleInterval = keyof typeof CANDLE_INTERVALS;
export const INTERVAL_NAMES = Object.keys(CANDLE_INTERVALS) as CandleInterval[];

/** Open, high, low and close of one symbol's ticks in one window of one interval. */
export interface Candle {
  symbol: string;
  interval: CandleInterval;
  /** First ms of the window (inclusive). */
  start: number;
  /** First ms of the next window (exclusive): a tick exactly on it opens the next candle. */
  end: number;
  open: number;
  high: number;
  low: number;
  close: number;
  ticks: number;
}

/**
 * The window of `interval` a tick at `ts` falls in: `[start, start + length)`.
 * @example windowStart(90_000, "1m") // 60_000
 */
export const windowStart = (ts: number, interval: CandleInterval): number =>
  Math.floor(ts / CANDLE_INTERVALS[interval]) * CANDLE_INTERVALS[interval];

/**
 * What a batch of ticks (in id order) adds to the candles of every interval: one partial candle
 * per symbol, interval and window, to merge into what is stored (first open kept, high and low
 * widened, close replaced, ticks added). Windows without ticks make no candle.
 * @example candlesOf([tick]) // six partial candles, one per interval
 */
export function candlesOf(ticks: readonly Tick[]): Candle[] {
  const candles = new Map<string, Candle>();
  for (const tick of ticks)
    for (const interval of INTERVAL_NAMES) {
      const start = windowStart(tick.ts, interval);
      const key = `${tick.symbol} ${interval} ${start}`;
      const candle = candles.get(key);
      if (candle) {
        candle.high = Math.max(candle.high, tick.price);
        candle.low = Math.min(candle.low, tick.price);
        candle.close = tick.price;
        candle.ticks++;
      } else {
        const end = start + CANDLE_INTERVALS[interval];
        const price = tick.price;
        candles.set(key, {
          symbol: tick.symbol,
          interval,
          start,
          end,
          open: price,
          high: price,
          low: price,
          close: price,
          ticks: 1,
        });
      }
    }
  return [...candles.values()];
}
