import type { Tick } from "../engine/tick.ts";
import { direction, formatChange, formatPercent, formatPrice, formatTime, isoTime } from "./format.ts";
import { type Html, html } from "./html.ts";
import { partial } from "./partial.ts";
import { sparkline } from "./sparkline.ts";

export interface PriceRowProps {
  symbol: string;
  latest: Tick | undefined;
  /** Recent prices, oldest first, for the sparkline. */
  trend: readonly number[];
}

/** DOM id of a symbol's row; symbols are validated to `[A-Z0-9.]`, so the id is safe. */
export const rowId = (symbol: string): string => `row-${symbol.replaceAll(".", "_")}`;

/** One board row. */
export function priceRow({ symbol, latest, trend }: PriceRowProps): Html {
  const dir = latest ? direction(latest.change) : "flat";
  const action = `/board/symbols/${encodeURIComponent(symbol)}/delete`;
  return html`<tr id="${rowId(symbol)}" class="${dir}">
<th scope="row"><a href="/s/${encodeURIComponent(symbol)}">${symbol}</a></th>
<td class="price num">${latest ? formatPrice(latest.price) : "—"}</td>
<td class="change num">${latest ? formatChange(latest.change) : "—"}</td>
<td class="change-percent num">${latest ? formatPercent(latest.changePercent) : "—"}</td>
<td class="trend">${sparkline(trend)}</td>
<td class="updated">${latest ? html`<time datetime="${isoTime(latest.ts)}">${formatTime(latest.ts)}</time>` : "waiting"}</td>
<td class="actions"><form method="post" action="${action}" hx-post="${action}" hx-swap="none"><button type="submit" class="unsubscribe" aria-label="Remove ${symbol}" title="Remove ${symbol}">×</button></form></td>
</tr>`;
}

/** The stream's update of a row already on the page. */
export const priceRowUpdate = (symbol: string, row: Html): Html => partial(`#${rowId(symbol)}`, "outerMorph", row);
