import type { Market } from "../engine/market.ts";
import { Listeners } from "../listeners.ts";
import { type CommunityStats, communityStats } from "./community.ts";
import { portfolioMetrics } from "./metrics.ts";
import type { PortfolioBook } from "./portfolio-book.ts";

/** Portfolio changes and ticks of held symbols mark the stats dirty; they are recomputed at most this often. */
export const COMMUNITY_MIN_INTERVAL_MS = 500;

/**
 * The community statistics, kept current and recomputed at most twice a second however many
 * events or ticks arrive; listeners get each new version.
 * @example const feed = new CommunityFeed(book, market); feed.onUpdate(render); … feed.stop();
 */
export class CommunityFeed {
  #stats: CommunityStats;
  #held = new Set<string>();
  #lastRun = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #updates = new Listeners<CommunityStats>();
  readonly #stopBook: () => void;
  readonly #stopTicks: () => void;

  constructor(
    private readonly book: PortfolioBook,
    private readonly market: Pick<Market, "price" | "onRound">,
    private readonly minIntervalMs = COMMUNITY_MIN_INTERVAL_MS,
  ) {
    this.#stats = this.#compute();
    this.#stopBook = book.onChange(() => this.#markDirty());
    this.#stopTicks = market.onRound((ticks) => {
      if (ticks.some((tick) => this.#held.has(tick.symbol))) this.#markDirty();
    });
  }

  get stats(): CommunityStats {
    return this.#stats;
  }

  onUpdate(listener: (stats: CommunityStats) => void): () => void {
    return this.#updates.add(listener);
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#stopBook();
    this.#stopTicks();
  }

  #markDirty(): void {
    if (this.#timer) return;
    const wait = Math.max(0, this.#lastRun + this.minIntervalMs - Date.now());
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#stats = this.#compute();
      this.#updates.emit(this.#stats);
    }, wait);
  }

  #compute(): CommunityStats {
    this.#lastRun = Date.now();
    const portfolios = this.book.all();
    this.#held = new Set(portfolios.flatMap((p) => p.holdings.map((h) => h.symbol)));
    return communityStats(
      portfolios.map((p) => portfolioMetrics(p, this.market.price)),
      this.book.visits(),
    );
  }
}
