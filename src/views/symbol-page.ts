import type { Candle, CandleInterval } from "../engine/candles.ts";
import type { FeedHealth } from "../engine/feed-health.ts";
import type { Tick } from "../engine/tick.ts";
import { candlestick } from "./candlestick.ts";
import { tickDownloads } from "./downloads.ts";
import { feedBadge } from "./feed-badge.ts";
import { direction, formatChange, formatPercent, formatPrice, formatTime } from "./format.ts";
import { type Html, html } from "./html.ts";
import { layout } from "./layout.ts";
import { liveSection } from "./live-section.ts";
import { partial } from "./partial.ts";

/** What a symbol page shows: one interval's candles over one range, and the latest tick. */
export interface SymbolChartProps {
  symbol: string;
  interval: CandleInterval;
  range: string;
  latest: Tick | undefined;
  /** Oldest first. */
  candles: readonly Candle[];
}

export interface SymbolPageProps extends SymbolChartProps {
  /** The badge says whether the price shown is live or stale. */
  feed: FeedHealth;
  intervals: readonly string[];
  ranges: readonly string[];
}

/** A candle's label under the chart: a time of day for short intervals, a day for a day. */
function candleLabel(start: number, interval: CandleInterval): string {
  const iso = new Date(start).toISOString();
  if (interval === "1d") return iso.slice(0, 10);
  if (interval === "1h") return `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
  return interval === "1s" || interval === "10s" ? iso.slice(11, 19) : iso.slice(11, 16);
}

const chartUrl = (symbol: string, interval: string, range: string) =>
  `/s/${encodeURIComponent(symbol)}?interval=${interval}&range=${range}`;

/** The moving part of a symbol page: headline, candles and the range's low and high. */
export function symbolLive({ symbol, interval, range, latest, candles }: SymbolChartProps): Html {
  const low = candles.length ? Math.min(...candles.map((c) => c.low)) : undefined;
  const high = candles.length ? Math.max(...candles.map((c) => c.high)) : undefined;
  const bars = candles.map((c) => ({ ...c, date: candleLabel(c.start, interval) }));
  const first = candles[0];
  return html`<div id="symbol-live">
${
  latest
    ? html`<p class="headline ${direction(latest.change)}"><span class="price">${formatPrice(latest.price)}</span> <span class="change">${formatChange(latest.change)} (${formatPercent(latest.changePercent)})</span> <span class="updated">at ${formatTime(latest.ts)} UTC</span></p>`
    : html`<p class="headline">No price yet.</p>`
}
${bars.length ? candlestick(bars, `${symbol}: ${interval} candles, range ${range} (UTC)`) : html`<p class="empty">No ticks in this range yet.</p>`}
<dl class="range">
<div><dt>Low</dt><dd class="min">${low === undefined ? "—" : formatPrice(low)}</dd></div>
<div><dt>High</dt><dd class="max">${high === undefined ? "—" : formatPrice(high)}</dd></div>
<div><dt>Candles</dt><dd>${candles.length}</dd></div>
${first ? html`<div><dt>Since</dt><dd>${new Date(first.start).toISOString().slice(0, 16).replace("T", " ")} UTC</dd></div>` : ""}
</dl>
</div>`;
}

/** The stream's update of the moving part. */
export const symbolLiveUpdate = (props: SymbolChartProps): Html =>
  partial("#symbol-live", "outerMorph", symbolLive(props));

/** The interval and range switches: plain links, boosted by htmx when it runs. */
function chartSwitch({ symbol, interval, range, intervals, ranges }: SymbolPageProps): Html {
  const link = (href: string, text: string, current: boolean) =>
    html`<a href="${href}"${current ? html` aria-current="page"` : ""}>${text}</a>`;
  return html`<nav class="chart-switch" aria-label="Chart" hx-boost:inherited="true">
<p><span>Interval</span>${intervals.map((i) => link(chartUrl(symbol, i, range), i, i === interval))}</p>
<p><span>Range</span>${ranges.map((r) => link(chartUrl(symbol, interval, r), r, r === range))}</p>
</nav>`;
}

/** `/s/:symbol`: the latest price and a candlestick chart of an interval over a range, live over one stream. */
export const symbolPage = (props: SymbolPageProps): Html =>
  layout({
    title: props.symbol,
    body: liveSection(
      "symbol-page",
      `/s/${encodeURIComponent(props.symbol)}/stream?interval=${props.interval}&range=${props.range}`,
      html`<p><a href="/">← Your board</a></p>
<div class="page-head"><h1>${props.symbol}</h1>${feedBadge(props.feed)}</div>
${chartSwitch(props)}
${symbolLive(props)}
${tickDownloads(props.symbol)}`,
    ),
  });
