import type { Market } from "../engine/market.ts";
import type { Tick } from "../engine/tick.ts";
import type { Logger } from "../log.ts";
import { memoByVersion } from "../memo.ts";
import { Audience } from "../sse/audience.ts";
import type { Connection } from "../sse/connection.ts";
import { bytesOf, formatEvent, RETRY_MS } from "../sse/frame.ts";
import { feedBadgeUpdate } from "../views/feed-badge.ts";
import { symbolLiveUpdate, symbolPage } from "../views/symbol-page.ts";

/** Ticks a symbol page charts: its window. */
export const CHART_TICKS = 300;

/**
 * `/s/:symbol`'s page and stream: every round in which the symbol ticked moves its headline, chart
 * and range, rendered once for every page that shows the symbol.
 * @example symbols.open(conn, "AAPL");
 */
export class SymbolStreams {
  readonly audience: Audience;
  readonly #pages = memoByVersion<string>();

  constructor(
    private readonly market: Pick<Market, "recent" | "latest" | "feed">,
    log: Logger,
  ) {
    this.audience = new Audience(
      "symbol",
      { round: (symbol, ticks) => this.#round(symbol, ticks), snapshot: (symbol) => bytesOf(this.#live(symbol)) },
      log,
    );
  }

  /** The chart window of `symbol`, oldest first. */
  chartWindow(symbol: string): Tick[] {
    return this.market.recent(symbol, CHART_TICKS).reverse();
  }

  /** The whole page of `symbol`, rendered once per tick and feed change for every visitor. */
  page(symbol: string): string {
    const feed = this.market.feed.health;
    return this.#pages(symbol, [this.market.latest(symbol), feed], () =>
      String(symbolPage({ symbol, ticks: this.chartWindow(symbol), feed })),
    );
  }

  open(conn: Connection, symbol: string): void {
    const badge = String(feedBadgeUpdate(this.market.feed.health));
    conn.writeText(formatEvent({ retry: RETRY_MS, data: badge + this.#update(symbol) }));
    this.audience.join(conn, symbol);
  }

  #round(symbol: string, ticks: readonly Tick[]): Uint8Array | undefined {
    return ticks.some((tick) => tick.symbol === symbol) ? bytesOf(this.#live(symbol)) : undefined;
  }

  #live(symbol: string): string {
    return formatEvent({ data: this.#update(symbol) });
  }

  #update(symbol: string): string {
    return String(symbolLiveUpdate({ symbol, ticks: this.chartWindow(symbol) }));
  }
}
