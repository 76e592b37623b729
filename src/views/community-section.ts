import type { CommunityStats } from "../portfolio/community.ts";
import { legend, stackedBar } from "./bar.ts";
import { formatMoney, formatQuantity, formatTime } from "./format.ts";
import { type Html, html } from "./html.ts";
import { partial } from "./partial.ts";

const card = (label: string, value: string): Html => html`<div class="card"><dt>${label}</dt><dd>${value}</dd></div>`;
const percentOrDash = (value: number | null): string => (value === null ? "—" : `${value.toFixed(2)}%`);
const portfolioLink = (slug: string): Html => html`<a href="/p/${encodeURIComponent(slug)}">${slug}</a>`;

function lists(stats: CommunityStats): Html {
  const sectors = stats.sectors.map((s) => ({ label: s.sector, percent: s.percent }));
  return html`<div class="community-lists">
<div><h3>Popular stocks</h3>${
    stats.popular_stocks.length
      ? html`<table class="compact"><thead><tr><th scope="col">Symbol</th><th scope="col" class="num">Holders</th><th scope="col" class="num">Shares</th></tr></thead><tbody>${stats.popular_stocks.map((p) => html`<tr><th scope="row">${p.symbol}</th><td class="num">${p.holders}</td><td class="num">${formatQuantity(p.total_quantity)}</td></tr>`)}</tbody></table>`
      : html`<p class="muted">No holdings yet.</p>`
  }</div>
<div><h3>Latest portfolios</h3><ol class="plain">${stats.latest.map((p) => html`<li>${portfolioLink(p.slug)} <span class="muted">${formatTime(p.updated_at)} UTC</span></li>`)}</ol></div>
<div><h3>Trending this week</h3>${
    stats.trending.length
      ? html`<ol class="plain">${stats.trending.map((t) => html`<li>${portfolioLink(t.slug)} <span class="muted">${t.visits} ${t.visits === 1 ? "visit" : "visits"}</span></li>`)}</ol>`
      : html`<p class="muted">No visits yet this week.</p>`
  }</div>
<div><h3>Sector mix</h3>${sectors.length ? html`${stackedBar(sectors, "Community sector mix")}${legend(sectors)}` : html`<p class="muted">No sectors reported.</p>`}</div>
</div>`;
}

/** The dashboard's community section: cards and lists over every public portfolio. */
export const communitySection = (
  stats: CommunityStats,
): Html => html`<section id="community" class="community" aria-labelledby="community-title">
<h2 id="community-title">Community</h2>
<dl class="cards">
${card("Portfolios", String(stats.portfolio_count))}
${card("Holdings", String(stats.holding_rows))}
${card("Total value", stats.total_value_usd === null ? "Available soon" : formatMoney(stats.total_value_usd, "USD"))}
${card("Mean yield on cost", percentOrDash(stats.mean_yield_on_cost))}
${card("Mean current yield", percentOrDash(stats.mean_current_yield))}
</dl>
${stats.portfolio_count > 0 ? lists(stats) : html`<p class="muted">No public portfolios yet.</p>`}
</section>`;

/** The stream's update of the community section. */
export const communityUpdate = (stats: CommunityStats): Html =>
  partial("#community", "outerMorph", communitySection(stats));
