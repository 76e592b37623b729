import { direction } from "./format.ts";
import { type Html, html } from "./html.ts";

export interface LineChartSize {
  width: number;
  height: number;
  padding: number;
}

/** SVG `points` for prices (oldest first) scaled into a box. */
export function linePoints(prices: readonly number[], size: LineChartSize): string {
  const min = Math.min(...prices);
  const max = Math.max(...prices);
  const span = max - min || 1;
  const stepX = prices.length > 1 ? (size.width - 2 * size.padding) / (prices.length - 1) : 0;
  return prices
    .map((price, i) => {
      const x = size.padding + i * stepX;
      const y = size.height - size.padding - ((price - min) / span) * (size.height - 2 * size.padding);
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(" ");
}

const SPARK: LineChartSize = { width: 120, height: 28, padding: 2 };

/** A tiny trend line of recent prices (oldest first); empty until there are two points. */
export function sparkline(prices: readonly number[]): Html {
  if (prices.length < 2)
    return html`<svg class="sparkline" viewBox="0 0 ${SPARK.width} ${SPARK.height}" aria-hidden="true"></svg>`;
  const trend = direction((prices.at(-1) ?? 0) - (prices[0] ?? 0));
  return html`<svg class="sparkline ${trend}" viewBox="0 0 ${SPARK.width} ${SPARK.height}" aria-hidden="true"><polyline points="${linePoints(prices, SPARK)}"/></svg>`;
}
