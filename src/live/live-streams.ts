import type { Importer } from "../b3/importer.ts";
import type { BoardRows } from "../board/board-rows.ts";
import type { Market } from "../engine/market.ts";
import type { Logger } from "../log.ts";
import type { CommunityFeed } from "../portfolio/community-feed.ts";
import type { PortfolioBook } from "../portfolio/portfolio-book.ts";
import type { CommunityFrames } from "../sse/community-frames.ts";
import { bytesOf, formatEvent } from "../sse/frame.ts";
import { StreamHub, type StreamHubOptions } from "../sse/stream-hub.ts";
import type { TickFrames } from "../sse/tick-frames.ts";
import type { SummaryStore } from "../store/summary-store.ts";
import { feedBadgeUpdate } from "../views/feed-badge.ts";
import { BoardStreams } from "./board-streams.ts";
import { ImportStreams } from "./import-streams.ts";
import type { PortfolioRenders } from "./portfolio-renders.ts";
import { PortfolioStreams } from "./portfolio-streams.ts";
import { SymbolStreams } from "./symbol-streams.ts";
import { TickStreams } from "./tick-streams.ts";

export interface LiveStreamsDeps {
  market: Market;
  community: Pick<CommunityFeed, "stats" | "onUpdate">;
  portfolios: Pick<PortfolioBook, "get" | "onChange">;
  importer: Pick<Importer, "list" | "onEvent">;
  rows: Pick<BoardRows, "update">;
  tickFrames: TickFrames;
  communityFrames: CommunityFrames;
  portfolioRenders: Pick<PortfolioRenders, "live">;
  summaries: Pick<SummaryStore, "candles">;
  hub: StreamHubOptions;
  log: Logger;
}

/**
 * Every live stream of the app, fed from one place: each round of committed ticks, feed change,
 * community update, portfolio change and import event is rendered once per group of streams that
 * show the same thing and queued for each of them (see `Audience`, `Connection`).
 * @example const live = new LiveStreams(deps); live.boards.open(live.hub.open({ client, overflow: "coalesce" }), board);
 */
export class LiveStreams {
  readonly hub: StreamHub;
  readonly ticks: TickStreams;
  readonly boards: BoardStreams;
  readonly symbols: SymbolStreams;
  readonly portfolios: PortfolioStreams;
  readonly imports: ImportStreams;
  readonly #stops: (() => void)[];

  constructor(deps: LiveStreamsDeps) {
    const { market, log } = deps;
    this.hub = new StreamHub(deps.hub);
    this.ticks = new TickStreams(market, deps.tickFrames, log);
    this.boards = new BoardStreams({ market, community: deps.community, rows: deps.rows, log });
    this.symbols = new SymbolStreams(market, deps.summaries, log);
    this.portfolios = new PortfolioStreams({
      portfolios: deps.portfolios,
      renders: deps.portfolioRenders,
      feed: market.feed,
      log,
    });
    this.imports = new ImportStreams(deps.importer, log);
    const pages = [this.boards.audience, this.symbols.audience, this.portfolios.audience];
    const audiences = [this.ticks.audience, ...pages];
    this.#stops = [
      market.onRound((ticks) => {
        this.symbols.apply(ticks);
        for (const audience of audiences) audience.deliver(ticks);
      }),
      market.feed.onChange((health) => {
        const badge = bytesOf(formatEvent({ data: String(feedBadgeUpdate(health)) }));
        for (const audience of pages) audience.update("feed", badge);
      }),
      deps.community.onUpdate((stats) =>
        this.boards.audience.update("community", bytesOf(deps.communityFrames(stats))),
      ),
      deps.portfolios.onChange((slugs) => this.portfolios.portfoliosChanged(slugs)),
      deps.importer.onEvent((event) => {
        this.imports.importChanged(event);
        this.ticks.importChanged(event);
      }),
    ];
  }

  /** Which of `symbols` an open stream shows: what a price source that polls only those asks for. */
  wanted(symbols: readonly string[]): string[] {
    const shown = new Set([
      ...this.ticks.wanted(symbols),
      ...[...this.boards.audience.keys()].flatMap((key) => key.split(",")),
      ...[...this.symbols.audience.keys()].map((key) => key.split(" ")[0] ?? ""),
      ...this.portfolios.held(),
    ]);
    return symbols.filter((symbol) => shown.has(symbol));
  }

  /** Stop following changes and end every stream (shutdown). */
  stop(): void {
    for (const stop of this.#stops) stop();
    this.hub.close();
  }
}
