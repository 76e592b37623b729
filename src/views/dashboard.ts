import type { FeedHealth } from "../engine/feed-health.ts";
import type { CommunityStats } from "../portfolio/community.ts";
import { communitySection } from "./community-section.ts";
import { feedBadge } from "./feed-badge.ts";
import { type Html, html } from "./html.ts";
import { layout } from "./layout.ts";
import { liveSection } from "./live-section.ts";
import { partial } from "./partial.ts";
import { rowId } from "./price-row.ts";

export interface DashboardProps {
  /** The board's rows, already rendered (they are shared between pages). */
  rows: Html[];
  feed: FeedHealth;
  community: CommunityStats;
  /** Symbols that can be added, for the input's suggestions. */
  available: readonly string[];
  form: SubscribeFormProps;
}

export interface SubscribeFormProps {
  value: string;
  error: string | undefined;
}

/** The subscribe form; re-rendered after each htmx submit. */
export function subscribeForm({ value, error }: SubscribeFormProps): Html {
  return html`<form id="subscribe-form" class="subscribe" method="post" action="/board/symbols" hx-post="/board/symbols" hx-swap="none">
<label for="symbol-input">Add a symbol</label>
<input id="symbol-input" name="symbol" value="${value}" list="known-symbols" autocomplete="off" maxlength="32" placeholder="NFLX"${error ? html` aria-invalid="true" aria-describedby="subscribe-error"` : ""}>
<button type="submit">Add</button>
<p id="subscribe-error" class="form-error" role="alert">${error ?? ""}</p>
</form>`;
}

/** The live board: one row per subscribed symbol, kept fresh by one SSE stream. */
export const dashboardPage = ({ rows, feed, community, available, form }: DashboardProps): Html =>
  layout({
    title: "Dashboard",
    body: liveSection(
      "board",
      "/board/stream",
      html`<div class="board-head">
<div><h1>Your board</h1>${feedBadge(feed)}</div>
${subscribeForm(form)}
<datalist id="known-symbols">${available.map((s) => html`<option value="${s}"></option>`)}</datalist>
</div>
<div class="table-scroll"><table class="prices">
<thead><tr><th scope="col">Symbol</th><th scope="col" class="num">Price</th><th scope="col" class="num">Change</th><th scope="col" class="num">Change %</th><th scope="col">Trend</th><th scope="col">Updated (UTC)</th><th scope="col"><span class="visually-hidden">Remove</span></th></tr></thead>
<tbody id="board-rows">${rows}</tbody>
</table></div>
<p class="board-empty">Your board is empty: add a symbol above.</p>
${communitySection(community)}`,
    ),
  });

/** htmx answer to a subscribe: the form with its message, plus the new row when there is one. */
export const subscribeFragment = (form: SubscribeFormProps, added: Html | undefined): Html =>
  html`${partial("#subscribe-form", "outerHTML", subscribeForm(form))}${added ? partial("#board-rows", "beforeend", added) : ""}`;

/** htmx answer to an unsubscribe: the row removed. */
export const unsubscribeFragment = (symbol: string): Html => partial(`#${rowId(symbol)}`, "delete");
