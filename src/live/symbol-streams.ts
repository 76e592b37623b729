import type { Candle } from "../engine/candles.ts";
import type { Market } from "../engine/market.ts";
import type { Tick } from "../engine/tick.ts";
import type { Logger } from "../log.ts";
import { memoByVersion } from "../memo.ts";
import { Audience } from "../sse/audience.ts";
import type { Connection } from "../sse/connection.ts";
import { bytesOf, formatEvent, RETRY_MS } from "../sse/frame.ts";
import type { SummaryStore } from "../store/summary-store.ts";
import { feedBadgeUpdate } from "../views/feed-badge.ts";
import { symbolLiveUpdate, symbolPage } from "../views/symbol-page.ts";
import {
  type ChartView,
  INTERVAL_NAMES,
  MAX_CHART_CANDLES,
  RANGE_NAMES,
  rangeStart,
  withTicks,
} from "./chart-window.ts";

const keyOf = (view: ChartView): string => `${view.symbol} ${view.interval} ${view.range}`;

/**
 * `/s/:symbol`'s page and stream: a symbol's candles of one interval over one range, loaded once
 * from libSQL per chart, then kept current in memory by every round (the forming candle moves), and
 * rendered once per round for every page that shows the same chart.
 * @example await symbols.load(view); c.html(symbols.page(view)); … symbols.open(conn, view);
 */
export class SymbolStreams {
  readonly audience: Audience;
  readonly #charts = new Map<string, { view: ChartView; candles: Candle[] }>();
  readonly #pages = memoByVersion<string>();

  constructor(
    private readonly market: Pick<Market, "latest" | "feed">,
    private readonly summaries: Pick<SummaryStore, "candles">,
    log: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.audience = new Audience(
      "symbol",
      { round: (key, ticks) => this.#round(key, ticks), snapshot: (key) => this.#message(key) },
      log,
    );
  }

  /** Read the chart's candles from libSQL unless they are in memory already. */
  async load(view: ChartView): Promise<void> {
    const key = keyOf(view);
    if (this.#charts.has(key)) return;
    const now = this.now();
    const query = { ...view, from: rangeStart(view.range, now), to: now + 1, limit: MAX_CHART_CANDLES };
    const candles = await this.summaries.candles(query);
    if (!this.#charts.has(key)) this.#charts.set(key, { view, candles });
  }

  /**
   * A round of ticks moves every chart held in memory (at most symbols × intervals × ranges of
   * them, each capped at MAX_CHART_CANDLES), watched or not, so none goes stale.
   */
  apply(ticks: readonly Tick[]): void {
    const now = this.now();
    for (const chart of this.#charts.values())
      if (ticks.some((tick) => tick.symbol === chart.view.symbol))
        chart.candles = withTicks(chart.candles, ticks, chart.view, now);
  }

  /** The whole page of a loaded chart, rendered once per tick, chart and feed change for every visitor. */
  page(view: ChartView): string {
    const feed = this.market.feed.health;
    const latest = this.market.latest(view.symbol);
    const candles = this.#candles(keyOf(view));
    return this.#pages(keyOf(view), [latest, feed, candles], () =>
      String(symbolPage({ ...view, latest, candles, feed, intervals: INTERVAL_NAMES, ranges: RANGE_NAMES })),
    );
  }

  /** A loaded chart's stream: its current state, then every round in which its symbol ticked. */
  open(conn: Connection, view: ChartView): void {
    const badge = String(feedBadgeUpdate(this.market.feed.health));
    conn.writeText(formatEvent({ retry: RETRY_MS, data: badge + this.#update(keyOf(view), view) }));
    this.audience.join(conn, keyOf(view));
  }

  #round(key: string, ticks: readonly Tick[]): Uint8Array | undefined {
    const view = this.#charts.get(key)?.view;
    return view && ticks.some((tick) => tick.symbol === view.symbol) ? this.#message(key) : undefined;
  }

  #message(key: string): Uint8Array | undefined {
    const view = this.#charts.get(key)?.view;
    return view ? bytesOf(formatEvent({ data: this.#update(key, view) })) : undefined;
  }

  #update(key: string, view: ChartView): string {
    const candles = this.#candles(key);
    return String(symbolLiveUpdate({ ...view, latest: this.market.latest(view.symbol), candles }));
  }

  #candles(key: string): Candle[] {
    return this.#charts.get(key)?.candles ?? [];
  }
}
