import { direction, formatPrice } from "./format.ts";
import { type Html, html } from "./html.ts";

/** What one candle of a chart shows; `date` labels it (a day, or a time of day). */
export interface CandleBar {
  date: string;
  open: number;
  high: number;
  low: number;
  close: number;
}

const WIDTH = 720;
const HEIGHT = 280;
/** `right` leaves room for half a date label centred under the last candle. */
const PAD = { left: 84, right: 36, top: 12, bottom: 28 };
const GRID_LINES = 4;
const MAX_BODY = 24;
/** Time labels at most, spread evenly under the candles they name. */
const MAX_LABELS = 5;

/**
 * A candlestick chart (oldest first): a wick from low to high, a body from open to close, green
 * when the candle closed at or above its open, red below; prices on the left axis, up to five time
 * labels under the candles they name. Each candle has a tooltip.
 * @example candlestick([{ date: "2026-12-01", open: 1, high: 2, low: 0.5, close: 1.5 }], "PETR4 daily")
 */
export function candlestick(candles: readonly CandleBar[], label: string): Html {
  if (candles.length === 0) return html``;
  const low = Math.min(...candles.map((c) => c.low));
  const high = Math.max(...candles.map((c) => c.high));
  const margin = (high - low) * 0.05 || Math.max(high * 0.01, 0.01);
  const [min, max] = [low - margin, high + margin];
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const y = (price: number) => (PAD.top + ((max - price) / (max - min)) * plotH).toFixed(1);
  const step = plotW / candles.length;
  const body = Math.max(1, Math.min(MAX_BODY, step * 0.7));
  const grid = Array.from({ length: GRID_LINES + 1 }, (_, i) => min + ((max - min) * i) / GRID_LINES);
  const centre = (i: number) => PAD.left + step * i + step / 2;
  const every = Math.max(1, Math.ceil((candles.length - 1) / (MAX_LABELS - 1)));
  const labelled = candles.map((_, i) => i).filter((i) => i % every === 0);
  return html`<svg class="candles" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${label}">
<g class="grid">${grid.map(
    (price) =>
      html`<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(price)}" y2="${y(price)}"/><text x="${PAD.left - 6}" y="${y(price)}" dy="4" text-anchor="end">${formatPrice(price)}</text>`,
  )}</g>
<g class="dates">${labelled.map((i) => {
    const date = candles[i]?.date ?? "";
    return html`<text x="${centre(i).toFixed(1)}" y="${HEIGHT - 8}" text-anchor="middle">${date}</text>`;
  })}</g>
${candles.map((c, i) => {
  const x = centre(i);
  const top = y(Math.max(c.open, c.close));
  const height = Math.max(1, Number(y(Math.min(c.open, c.close))) - Number(top));
  return html`<g class="candle ${direction(c.close - c.open) === "down" ? "down" : "up"}"><title>${c.date} · open ${formatPrice(c.open)} · high ${formatPrice(c.high)} · low ${formatPrice(c.low)} · close ${formatPrice(c.close)}</title><line class="wick" x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${y(c.high)}" y2="${y(c.low)}"/><rect class="body" x="${(x - body / 2).toFixed(1)}" y="${top}" width="${body.toFixed(1)}" height="${height.toFixed(1)}"/></g>`;
})}
</svg>`;
}
