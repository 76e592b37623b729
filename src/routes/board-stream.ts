import type { Context } from "hono";
import type { Board } from "../board/board.ts";
import type { BoardRows } from "../board/board-rows.ts";
import type { LiveBoards } from "../board/live-boards.ts";
import type { FeedHealth } from "../engine/feed-health.ts";
import type { Market } from "../engine/market.ts";
import type { CommunityFeed } from "../portfolio/community-feed.ts";
import type { CommunityFrames } from "../sse/community-frames.ts";
import { formatEvent } from "../sse/frame.ts";
import { communityUpdate } from "../views/community-section.ts";
import { feedBadgeUpdate } from "../views/feed-badge.ts";
import { openStream, type StreamSettings } from "./open-stream.ts";

/** A dashboard stream's queue: past this, waiting ticks are coalesced to the latest per symbol. */
const QUEUE_CAPACITY = 64;

export interface BoardStreamDeps extends StreamSettings {
  market: Pick<Market, "subscribe" | "lastId" | "feed">;
  community: Pick<CommunityFeed, "stats" | "onUpdate">;
  /** The symbols of each board with a stream open: a subscribe changes what its streams send. */
  boards: Pick<LiveBoards, "open" | "close">;
  rows: Pick<BoardRows, "update">;
  communityFrames: CommunityFrames;
}

/**
 * The page's one stream: HTML partials that replace the rows of its board, the feed badge and
 * the community section. It starts with the current state of all three (so a reconnect catches
 * up), then sends each batch of ticks as one message carrying the latest row of every symbol
 * that moved, and each feed or community change as it happens.
 * @example app.get("/board/stream", (c) => boardStream(c, deps, readBoard(c)));
 */
export function boardStream(c: Context, deps: BoardStreamDeps, board: Board): Response {
  const { market, community, boards, rows } = deps;
  const symbols = boards.open(board.id, board.symbols);
  const sub = market.subscribe({ accepts: (s) => symbols.has(s), capacity: QUEUE_CAPACITY, overflow: "coalesce" });
  const watching: (() => void)[] = [];
  return openStream(
    c,
    deps,
    async (out) => {
      const badge = (health: FeedHealth) => String(feedBadgeUpdate(health));
      const current = [
        badge(market.feed.health),
        String(communityUpdate(community.stats)),
        ...[...symbols].map(rows.update),
      ];
      out.write(formatEvent({ retry: 2000, data: current.join("") }));
      watching.push(market.feed.onChange((health) => out.write(formatEvent({ data: badge(health) }))));
      watching.push(community.onUpdate((stats) => out.write(deps.communityFrames(stats))));
      for (let batch = await sub.take(); batch.length > 0; batch = await sub.take()) {
        const moved = new Set(batch.map((t) => t.symbol));
        out.write(formatEvent({ id: market.lastId, data: [...moved].map(rows.update).join("") }));
      }
    },
    () => {
      for (const stop of watching) stop();
      sub.close();
      boards.close(board.id);
    },
  );
}
