import type { FeedHealth } from "../engine/feed-health.ts";
import type { Tick } from "../engine/tick.ts";
import type { Logger } from "../log.ts";
import type { PortfolioBook } from "../portfolio/portfolio-book.ts";
import { Audience } from "../sse/audience.ts";
import type { Connection } from "../sse/connection.ts";
import { bytesOf, formatEvent, RETRY_MS } from "../sse/frame.ts";
import { feedBadgeUpdate } from "../views/feed-badge.ts";
import type { PortfolioRenders } from "./portfolio-renders.ts";

export interface PortfolioStreamsDeps {
  portfolios: Pick<PortfolioBook, "get">;
  renders: Pick<PortfolioRenders, "live">;
  feed: { readonly health: FeedHealth };
  log: Logger;
}

/**
 * `/p/:slug`'s stream: the portfolio's live part again when a held symbol ticked or the portfolio
 * changed, rendered once per version for every page that shows it, and only when it changed (a
 * visit changes the community's trending, not this page).
 * @example portfolios.open(conn, "alice"); portfolios.portfoliosChanged(new Set(["alice"]));
 */
export class PortfolioStreams {
  readonly audience: Audience;
  /** What each portfolio's pages were last sent. */
  readonly #lastSent = new Map<string, string>();

  constructor(private readonly deps: PortfolioStreamsDeps) {
    this.audience = new Audience(
      "portfolio",
      { round: (slug, ticks) => this.#round(slug, ticks), snapshot: (slug) => bytesOf(this.#message(slug)) },
      deps.log,
    );
  }

  open(conn: Connection, slug: string): void {
    const badge = String(feedBadgeUpdate(this.deps.feed.health));
    conn.writeText(formatEvent({ retry: RETRY_MS, data: badge + this.deps.renders.live(slug) }));
    this.audience.join(conn, slug);
    conn.onClose(() => {
      if (!this.audience.watches(slug)) this.#lastSent.delete(slug);
    });
  }

  /** Portfolios changed (an event, an opt-out): their pages get the new version. */
  portfoliosChanged(slugs: ReadonlySet<string>): void {
    for (const slug of slugs) {
      if (!this.audience.watches(slug)) continue;
      const bytes = this.#changed(slug);
      if (bytes) this.audience.update("portfolio", bytes, slug);
    }
  }

  /** The symbols the open portfolio pages hold. */
  held(): Set<string> {
    const held = new Set<string>();
    for (const slug of this.audience.keys())
      for (const holding of this.deps.portfolios.get(slug)?.holdings ?? []) held.add(holding.symbol);
    return held;
  }

  #round(slug: string, ticks: readonly Tick[]): Uint8Array | undefined {
    const holdings = this.deps.portfolios.get(slug)?.holdings ?? [];
    const moved = ticks.some((tick) => holdings.some((holding) => holding.symbol === tick.symbol));
    return moved ? this.#changed(slug) : undefined;
  }

  /** The portfolio's message when it differs from what its pages were last sent. */
  #changed(slug: string): Uint8Array | undefined {
    const html = this.deps.renders.live(slug);
    if (this.#lastSent.get(slug) === html) return undefined;
    this.#lastSent.set(slug, html);
    return bytesOf(formatEvent({ data: html }));
  }

  #message(slug: string): string {
    return formatEvent({ data: this.deps.renders.live(slug) });
  }
}
