import type { FeedHealth } from "../engine/feed-health.ts";
import type { HoldingMetrics, PortfolioMetrics } from "../portfolio/metrics.ts";
import { legend, percentBar, stackedBar } from "./bar.ts";
import { feedBadge } from "./feed-badge.ts";
import { direction, formatChange, formatMoney, formatPercent, formatPrice, formatQuantity } from "./format.ts";
import { type Html, html } from "./html.ts";
import { layout } from "./layout.ts";
import { liveSection } from "./live-section.ts";
import { partial } from "./partial.ts";

/** Where a symbol links (its own page, or its imported B3 quotes); a symbol without one is plain text. */
export type SymbolLinks = ReadonlyMap<string, string>;

const symbolCell = (symbol: string, href: string | undefined): Html =>
  html`<th scope="row">${href === undefined ? symbol : html`<a href="${href}">${symbol}</a>`}</th>`;

const holdingRow = (h: HoldingMetrics, currency: string, links: SymbolLinks): Html =>
  html`<tr class="${direction(h.gain)}">
${symbolCell(h.symbol, links.get(h.symbol))}
<td class="num">${formatQuantity(h.quantity)}</td>
<td class="num price">${formatPrice(h.price)}${h.live ? html` <span class="live-dot" title="live price">●</span>` : ""}</td>
<td class="num">${formatMoney(h.value, currency)}</td>
<td class="allocation">${percentBar(h.percentage, `${h.percentage}% of the portfolio`)}<span class="num">${h.percentage.toFixed(2)}%</span></td>
<td class="num change">${formatChange(h.gain)}${h.gain_percent === null ? "" : html` (${formatPercent(h.gain_percent)})`}</td>
</tr>`;

function statsBlock(m: PortfolioMetrics): Html {
  const sectors = (m.stats?.sectors ?? []).map((s) => ({ label: s.sector?.trim() || "Unknown", percent: s.percent }));
  const yields = [
    m.stats?.yoc == null ? "" : html`<div><dt>Yield on cost</dt><dd>${m.stats.yoc.toFixed(2)}%</dd></div>`,
    m.stats?.currentYield == null
      ? ""
      : html`<div><dt>Current yield</dt><dd>${m.stats.currentYield.toFixed(2)}%</dd></div>`,
  ];
  return html`${sectors.length ? html`<h2>Sectors</h2>${stackedBar(sectors, "Sector mix")}${legend(sectors)}` : ""}<dl class="range">${yields}</dl>`;
}

/** The part of a portfolio page that moves: totals, holdings, sectors. */
export function portfolioLive(m: PortfolioMetrics, links: SymbolLinks): Html {
  const body = m.holdings.length
    ? html`<div class="table-scroll"><table class="prices holdings">
<thead><tr><th scope="col">Symbol</th><th scope="col" class="num">Quantity</th><th scope="col" class="num">Price</th><th scope="col" class="num">Value</th><th scope="col">Allocation</th><th scope="col" class="num">Gain</th></tr></thead>
<tbody>${m.holdings.map((h) => holdingRow(h, m.base_currency, links))}</tbody>
</table></div>`
    : html`<p class="empty">This portfolio has no holdings yet.</p>`;
  return html`<div id="portfolio-live">
<dl class="range totals">
<div><dt>Total value</dt><dd class="total-value">${formatMoney(m.total_value, m.base_currency)}</dd></div>
<div><dt>In USD</dt><dd>${formatMoney(m.total_value_usd, "USD")}</dd></div>
<div><dt>Holdings</dt><dd>${m.holding_count}</dd></div>
</dl>
${body}
${statsBlock(m)}
</div>`;
}

/** The stream's update of the moving part. */
export const portfolioLiveUpdate = (m: PortfolioMetrics, links: SymbolLinks): Html =>
  partial("#portfolio-live", "outerMorph", portfolioLive(m, links));

/** `/p/:slug`: a public portfolio, valued live over one SSE stream. */
export const portfolioPage = (m: PortfolioMetrics, links: SymbolLinks, feed: FeedHealth): Html =>
  layout({
    title: m.slug,
    body: liveSection(
      "portfolio",
      `/p/${m.slug}/stream`,
      html`<p><a href="/">← Your board</a></p>
<div class="page-head"><h1>${m.slug} <span class="muted">· ${m.base_currency}</span></h1>${feedBadge(feed)}</div>
${portfolioLive(m, links)}`,
    ),
  });
