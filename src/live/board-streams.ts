import type { BoardRows } from "../board/board-rows.ts";
import type { Market } from "../engine/market.ts";
import type { Tick } from "../engine/tick.ts";
import type { Logger } from "../log.ts";
import type { CommunityFeed } from "../portfolio/community-feed.ts";
import { Audience } from "../sse/audience.ts";
import type { Connection } from "../sse/connection.ts";
import { bytesOf, formatEvent, RETRY_MS } from "../sse/frame.ts";
import { communityUpdate } from "../views/community-section.ts";
import { feedBadgeUpdate } from "../views/feed-badge.ts";

export interface BoardStreamsDeps {
  market: Pick<Market, "lastId" | "feed">;
  community: Pick<CommunityFeed, "stats">;
  rows: Pick<BoardRows, "update">;
  log: Logger;
}

/** The group of boards showing `symbols`: boards with the same symbols share their bytes. */
const keyOf = (symbols: readonly string[]): string => [...symbols].sort().join(",");

/**
 * The dashboard's one stream per page: HTML partials that replace the rows of its board, the feed
 * badge and the community section. A round sends one message with the latest row of every symbol
 * of the board that moved; a page whose socket is full skips rounds and then gets all its rows.
 * A subscribe moves the board's open streams to the group of its new symbols.
 * @example boards.open(conn, { id: "b1", symbols: ["AAPL"] }); boards.boardChanged("b1", ["AAPL", "MSFT"]);
 */
export class BoardStreams {
  readonly audience: Audience;
  readonly #streamsOf = new Map<string, Set<Connection>>();

  constructor(private readonly deps: BoardStreamsDeps) {
    this.audience = new Audience(
      "board",
      { round: (key, ticks) => this.#round(key, ticks), snapshot: (key) => this.#rows(key, undefined) },
      deps.log,
    );
  }

  open(conn: Connection, board: { id: string; symbols: readonly string[] }): void {
    const { market, community, rows } = this.deps;
    const current = [
      String(feedBadgeUpdate(market.feed.health)),
      String(communityUpdate(community.stats)),
      ...board.symbols.map(rows.update),
    ];
    conn.writeText(formatEvent({ retry: RETRY_MS, data: current.join("") }));
    this.audience.join(conn, keyOf(board.symbols));
    const streams = this.#streamsOf.get(board.id) ?? new Set<Connection>();
    this.#streamsOf.set(board.id, streams);
    streams.add(conn);
    conn.onClose(() => {
      streams.delete(conn);
      if (streams.size === 0) this.#streamsOf.delete(board.id);
    });
  }

  /** The board's symbols changed (subscribe or unsubscribe): its open streams follow. */
  boardChanged(boardId: string, symbols: readonly string[]): void {
    for (const conn of this.#streamsOf.get(boardId) ?? []) this.audience.join(conn, keyOf(symbols));
  }

  #round(key: string, ticks: readonly Tick[]): Uint8Array | undefined {
    const symbols = new Set(key.split(","));
    const moved = new Set(ticks.filter((tick) => symbols.has(tick.symbol)).map((tick) => tick.symbol));
    return moved.size === 0 ? undefined : this.#rows(key, [...moved]);
  }

  /** One message with the rows of `symbols` (all of the group's when undefined). */
  #rows(key: string, symbols: string[] | undefined): Uint8Array | undefined {
    const shown = symbols ?? key.split(",").filter(Boolean);
    if (shown.length === 0) return undefined;
    return bytesOf(formatEvent({ id: this.deps.market.lastId, data: shown.map(this.deps.rows.update).join("") }));
  }
}
