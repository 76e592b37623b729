import type { Tick } from "../engine/tick.ts";
import type { TickHistory } from "../engine/tick-history.ts";
import type { Html } from "../views/html.ts";
import { priceRow, priceRowUpdate } from "../views/price-row.ts";

const TREND_POINTS = 30;

export interface BoardRows {
  /** A symbol's row as the page shows it. */
  row(symbol: string): Html;
  /** The same row as a stream update (an htmx partial). */
  update(symbol: string): string;
}

/**
 * Board rows rendered once per tick and shared by every page and stream: thousands of page
 * views a second cost one render per symbol and tick.
 */
export function boardRows(history: TickHistory): BoardRows {
  const rows = new WeakMap<Tick, Html>();
  const updates = new WeakMap<Tick, string>();
  const render = (symbol: string) =>
    priceRow({
      symbol,
      latest: history.latest(symbol),
      trend: history
        .recent(symbol, TREND_POINTS)
        .map((t) => t.price)
        .reverse(),
    });

  const row = (symbol: string): Html => {
    const latest = history.latest(symbol);
    if (!latest) return render(symbol);
    let html = rows.get(latest);
    if (!html) rows.set(latest, (html = render(symbol)));
    return html;
  };
  return {
    row,
    update(symbol) {
      const latest = history.latest(symbol);
      let html = latest && updates.get(latest);
      if (html === undefined) {
        html = String(priceRowUpdate(symbol, row(symbol)));
        if (latest) updates.set(latest, html);
      }
      return html;
    },
  };
}
