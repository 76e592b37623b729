import { CANDLE_INTERVALS, type Candle, type CandleInterval, INTERVAL_NAMES, windowStart } from "../engine/candles.ts";
import type { Tick } from "../engine/tick.ts";

/** The ranges a symbol page shows, with their length in ms (`all`: everything kept). */
export const CHART_RANGES = {
  "1h": 3_600_000,
  "1d": 86_400_000,
  "1w": 604_800_000,
  all: Number.POSITIVE_INFINITY,
} as const;
export type ChartRange = keyof typeof CHART_RANGES;
export const RANGE_NAMES = Object.keys(CHART_RANGES) as ChartRange[];
export { INTERVAL_NAMES };

/** Candles drawn at most: the latest ones of the range. */
export const MAX_CHART_CANDLES = 240;

/** What a symbol page's chart shows: a symbol's candles of one interval over one range. */
export interface ChartView {
  symbol: string;
  interval: CandleInterval;
  range: ChartRange;
}

/** The first ms a chart of `range` shows at `now`. */
export const rangeStart = (range: ChartRange, now: number): number => (range === "all" ? 0 : now - CHART_RANGES[range]);

/**
 * `candles` (oldest first) with `ticks` merged in: the last window widened and closed at the
 * latest price, or a new window opened; windows that left the range or the cap dropped. Merging a
 * tick twice changes nothing a chart shows (open kept, high and low idempotent, close the same).
 * @example withTicks(candles, [tick], view, Date.now())
 */
export function withTicks(candles: readonly Candle[], ticks: readonly Tick[], view: ChartView, now: number): Candle[] {
  const merged = [...candles];
  for (const tick of ticks) {
    if (tick.symbol !== view.symbol) continue;
    const start = windowStart(tick.ts, view.interval);
    const last = merged.at(-1);
    if (last && last.start === start) {
      merged[merged.length - 1] = {
        ...last,
        high: Math.max(last.high, tick.price),
        low: Math.min(last.low, tick.price),
        close: tick.price,
        ticks: last.ticks + 1,
      };
    } else if (!last || start > last.start) {
      const end = start + CANDLE_INTERVALS[view.interval];
      const p = tick.price;
      merged.push({
        symbol: view.symbol,
        interval: view.interval,
        start,
        end,
        open: p,
        high: p,
        low: p,
        close: p,
        ticks: 1,
      });
    }
  }
  const from = rangeStart(view.range, now);
  return merged.filter((candle) => candle.end > from).slice(-MAX_CHART_CANDLES);
}
