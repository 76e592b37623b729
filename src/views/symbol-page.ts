import type { FeedHealth } from "../engine/feed-health.ts";
import type { Tick } from "../engine/tick.ts";
import { feedBadge } from "./feed-badge.ts";
import { direction, formatChange, formatPercent, formatPrice, formatTime } from "./format.ts";
import { type Html, html } from "./html.ts";
import { layout } from "./layout.ts";
import { liveSection } from "./live-section.ts";
import { partial } from "./partial.ts";
import { type LineChartSize, linePoints } from "./sparkline.ts";

export interface SymbolPageProps {
  symbol: string;
  /** Oldest first. */
  ticks: Tick[];
}

export interface SymbolPageWithFeed extends SymbolPageProps {
  /** The badge says whether the price shown is live or stale. */
  feed: FeedHealth;
}

const CHART: LineChartSize = { width: 720, height: 240, padding: 12 };

/** The moving part of a symbol page: headline, chart and range of the ticks shown. */
export function symbolLive({ symbol, ticks }: SymbolPageProps): Html {
  const latest = ticks.at(-1);
  const prices = ticks.map((t) => t.price);
  const min = prices.length ? Math.min(...prices) : undefined;
  const max = prices.length ? Math.max(...prices) : undefined;
  return html`<div id="symbol-live">
${
  latest
    ? html`<p class="headline ${direction(latest.change)}"><span class="price">${formatPrice(latest.price)}</span> <span class="change">${formatChange(latest.change)} (${formatPercent(latest.changePercent)})</span> <span class="updated">at ${formatTime(latest.ts)} UTC</span></p>`
    : html`<p class="headline">No price yet.</p>`
}
${
  prices.length >= 2
    ? html`<svg class="chart" viewBox="0 0 ${CHART.width} ${CHART.height}" role="img" aria-label="${symbol} price over the last ${prices.length} ticks"><polyline points="${linePoints(prices, CHART)}"/></svg>`
    : ""
}
<dl class="range">
<div><dt>Low</dt><dd class="min">${min === undefined ? "—" : formatPrice(min)}</dd></div>
<div><dt>High</dt><dd class="max">${max === undefined ? "—" : formatPrice(max)}</dd></div>
<div><dt>Ticks shown</dt><dd>${prices.length}</dd></div>
${ticks[0] ? html`<div><dt>Since</dt><dd>${formatTime(ticks[0].ts)} UTC</dd></div>` : ""}
</dl>
</div>`;
}

/** The stream's update of the moving part. */
export const symbolLiveUpdate = (props: SymbolPageProps): Html =>
  partial("#symbol-live", "outerMorph", symbolLive(props));

/** `/s/:symbol`: the latest price, a line chart of recent history and its range, live over one stream. */
export const symbolPage = (props: SymbolPageWithFeed): Html =>
  layout({
    title: props.symbol,
    body: liveSection(
      "symbol-page",
      `/s/${props.symbol}/stream`,
      html`<p><a href="/">← Your board</a></p>
<div class="page-head"><h1>${props.symbol}</h1>${feedBadge(props.feed)}</div>
${symbolLive(props)}`,
    ),
  });
