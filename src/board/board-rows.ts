import type { Market } from "../engine/market.ts";
import type { Tick } from "../engine/tick.ts";
import { memoByIdentity } from "../memo.ts";
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
 * @example const rows = boardRows(market); rows.row("AAPL") === rows.row("AAPL") // until AAPL ticks
 */
export function boardRows(market: Pick<Market, "latest" | "recent">): BoardRows {
  const render = (symbol: string, latest: Tick | undefined) =>
    priceRow({
      symbol,
      latest,
      trend: market
        .recent(symbol, TREND_POINTS)
        .map((t) => t.price)
        .reverse(),
    });
  const rowOf = memoByIdentity((latest: Tick) => render(latest.symbol, latest));
  const updateOf = memoByIdentity((latest: Tick) => String(priceRowUpdate(latest.symbol, rowOf(latest))));

  return {
    row(symbol) {
      const latest = market.latest(symbol);
      return latest ? rowOf(latest) : render(symbol, undefined);
    },
    update(symbol) {
      const latest = market.latest(symbol);
      return latest ? updateOf(latest) : String(priceRowUpdate(symbol, render(symbol, undefined)));
    },
  };
}
