import type { Context } from "hono";
import type { AppDeps } from "../app.ts";
import type { Board } from "../board/board.ts";
import type { LiveBoards } from "../board/live-boards.ts";
import type { FeedHealth } from "../engine/feed-health.ts";
import type { CommunityStats } from "../portfolio/community.ts";
import { formatEvent } from "../sse/frame.ts";
import { communityUpdate } from "../views/community-section.ts";
import { feedBadgeUpdate } from "../views/feed-badge.ts";
import { openStream } from "./open-stream.ts";

/** The community section as one SSE message, rendered once per update whatever the number of pages. */
const communityFrames = new WeakMap<CommunityStats, string>();
function communityFrame(stats: CommunityStats): string {
  let frame = communityFrames.get(stats);
  if (frame === undefined) communityFrames.set(stats, (frame = formatEvent({ data: String(communityUpdate(stats)) })));
  return frame;
}

/** A dashboard stream's queue: past this, waiting ticks are coalesced to the latest per symbol. */
const QUEUE_CAPACITY = 64;

/**
 * The page's one stream: HTML partials that replace the rows of its board, the feed badge and
 * the community section. It starts with the current state of all three (so a reconnect catches
 * up), then sends each batch of ticks as one message carrying the latest row of every symbol
 * that moved, and each feed or community change as it happens.
 */
export function boardStream(
  c: Context,
  deps: AppDeps,
  live: LiveBoards,
  board: Board,
  rowUpdate: (symbol: string) => string,
): Response {
  const symbols = live.open(board.id, board.symbols);
  const sub = deps.bus.subscribe({ accepts: (s) => symbols.has(s), capacity: QUEUE_CAPACITY, overflow: "coalesce" });
  let stopWatching = () => {};
  return openStream(
    c,
    deps,
    async (out) => {
      const badge = (health: FeedHealth) => String(feedBadgeUpdate(health));
      const current = [
        badge(deps.engine.feed.health),
        String(communityUpdate(deps.community.stats)),
        ...[...symbols].map(rowUpdate),
      ];
      out.write(formatEvent({ retry: 2000, data: current.join("") }));
      const stopFeed = deps.engine.feed.onChange((health) => out.write(formatEvent({ data: badge(health) })));
      const stopCommunity = deps.community.onUpdate((stats) => out.write(communityFrame(stats)));
      stopWatching = () => (stopFeed(), stopCommunity());
      for (let batch = await sub.take(); batch.length > 0; batch = await sub.take()) {
        const moved = new Set(batch.map((t) => t.symbol));
        out.write(formatEvent({ id: deps.engine.lastId, data: [...moved].map(rowUpdate).join("") }));
      }
    },
    () => {
      stopWatching();
      sub.close();
      live.close(board.id);
    },
  );
}
