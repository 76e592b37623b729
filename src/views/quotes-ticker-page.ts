import type { DailyQuoteRow, TickerSummary, TradeDay } from "../b3/quote-queries.ts";
import { type CandleBar, candlestick } from "./candlestick.ts";
import { quotesDownload } from "./downloads.ts";
import { formatPrice } from "./format.ts";
import { type Html, html } from "./html.ts";
import { layout } from "./layout.ts";
import { formatCount, marketName } from "./quotes-format.ts";

export interface TickerPageProps {
  ticker: string;
  /** COTAHIST rows, newest first. */
  daily: readonly DailyQuoteRow[];
  /** Trades per day, newest first. */
  tradeDays: readonly TradeDay[];
  summary: TickerSummary;
}

const CASH_MARKET = 10;
const CHART_DAYS = 250;

/** A day the chart shows, with the shares traded that day. */
type ChartDay = CandleBar & { quantity: number };

/** What the chart shows: the cash market's days, else the trades per day, else the first market listed. */
function chartOf({ daily, tradeDays }: TickerPageProps): { candles: ChartDay[]; source: string } {
  const cash = daily.filter((q) => q.market === CASH_MARKET);
  if (cash.length > 0) return { candles: cash.slice(0, CHART_DAYS).reverse(), source: "cash market, COTAHIST" };
  if (tradeDays.length > 0) return { candles: tradeDays.slice(0, CHART_DAYS).reverse(), source: "trades per day" };
  const first = daily[0];
  const same = daily.filter((q) => q.market === first?.market && q.term === first?.term);
  return { candles: same.slice(0, CHART_DAYS).reverse(), source: first ? `${marketName(first.market)}, COTAHIST` : "" };
}

const dailyTable = (
  daily: readonly DailyQuoteRow[],
): Html => html`<h2>Daily quotes <span class="muted">(COTAHIST)</span></h2>
<div class="table-scroll"><table class="quotes-table daily">
<thead><tr><th scope="col">Date</th><th scope="col">Market</th><th scope="col" class="num">Open</th><th scope="col" class="num">High</th><th scope="col" class="num">Low</th><th scope="col" class="num">Close</th><th scope="col" class="num">Average</th><th scope="col" class="num">Trades</th><th scope="col" class="num">Quantity</th><th scope="col" class="num">Volume (R$)</th></tr></thead>
<tbody>${daily.map(
  (q) =>
    html`<tr><td>${q.date}</td><td>${marketName(q.market)}${q.term === null ? "" : ` ${q.term} d`}</td><td class="num">${formatPrice(q.open)}</td><td class="num">${formatPrice(q.high)}</td><td class="num">${formatPrice(q.low)}</td><td class="num close">${formatPrice(q.close)}</td><td class="num">${formatPrice(q.average)}</td><td class="num">${formatCount(q.trades)}</td><td class="num">${formatCount(q.quantity)}</td><td class="num">${formatPrice(q.volume)}</td></tr>`,
)}</tbody>
</table></div>`;

const tradesTable = (
  days: readonly TradeDay[],
): Html => html`<h2>Trades per day <span class="muted">(NEGOCIOSAVISTA)</span></h2>
<div class="table-scroll"><table class="quotes-table trade-days">
<thead><tr><th scope="col">Date</th><th scope="col" class="num">Open</th><th scope="col" class="num">High</th><th scope="col" class="num">Low</th><th scope="col" class="num">Close</th><th scope="col" class="num">Average</th><th scope="col" class="num">Trades</th><th scope="col" class="num">Quantity</th><th scope="col" class="num">Volume (R$)</th></tr></thead>
<tbody>${days.map(
  (d) =>
    html`<tr><td>${d.date}</td><td class="num">${formatPrice(d.open)}</td><td class="num">${formatPrice(d.high)}</td><td class="num">${formatPrice(d.low)}</td><td class="num close">${formatPrice(d.close)}</td><td class="num">${formatPrice(d.average)}</td><td class="num">${formatCount(d.trades)}</td><td class="num">${formatCount(d.quantity)}</td><td class="num">${formatPrice(d.volume)}</td></tr>`,
)}</tbody>
</table></div>`;

/** `/quotes/:ticker`: a candlestick chart, the highest price and busiest day, and the tables. */
export function tickerPage(props: TickerPageProps): Html {
  const { ticker, daily, tradeDays, summary } = props;
  const chart = chartOf(props);
  const busiestDay = Math.max(0, ...chart.candles.map((day) => day.quantity));
  const issuer = daily[0] ? `${daily[0].issuer} ${daily[0].shareType}`.trim() : "";
  return layout({
    title: `${ticker} quotes`,
    body: html`<section class="ticker-page">
<p><a href="/quotes">← Imports</a></p>
<h1>${ticker} ${issuer ? html`<span class="issuer">${issuer}</span>` : ""}</h1>
<dl class="range">
<div><dt>Highest price</dt><dd class="max-range">${formatPrice(summary.maxRangeValue)}</dd></div>
<div><dt>Busiest day (shares)</dt><dd class="max-volume">${formatCount(busiestDay)}</dd></div>
<div><dt>Days</dt><dd>${formatCount(chart.candles.length)}</dd></div>
</dl>
${candlestick(chart.candles, `${ticker} daily candles, ${chart.source}`)}
<p class="chart-source muted">${chart.source}</p>
${daily.length > 0 ? html`${quotesDownload(ticker)}${dailyTable(daily)}` : ""}
${tradeDays.length > 0 ? tradesTable(tradeDays) : ""}
</section>`,
  });
}
