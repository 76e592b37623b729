import type { Context } from "hono";
import type { AppDeps } from "../app.ts";
import type { Board } from "../board/board.ts";
import type { LiveBoards } from "../board/live-boards.ts";
import type { FeedHealth } from "../engine/feed-health.ts";
import { formatEvent } from "../sse/frame.ts";
import { feedBadgeUpdate } from "../views/feed-badge.ts";
import { openStream } from "./open-stream.ts";

/** A dashboard stream's queue: past this, waiting ticks are coalesced to the latest per symbol. */
const QUEUE_CAPACITY = 64;

/**
 * The page's one stream: HTML partials that replace the rows of its board and the feed badge.
 * It starts with the current state (so a reconnect catches up), then sends each batch of ticks
 * as one message carrying the latest row of every symbol that moved, and every feed change.
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
  let stopWatchingFeed = () => {};
  return openStream(
    c,
    deps,
    async (out) => {
      const badge = (health: FeedHealth) => String(feedBadgeUpdate(health));
      out.write(formatEvent({ retry: 2000, data: badge(deps.engine.feed.health) + [...symbols].map(rowUpdate).join("") }));
      stopWatchingFeed = deps.engine.feed.onChange((health) => out.write(formatEvent({ data: badge(health) })));
      for (let batch = await sub.take(); batch.length > 0; batch = await sub.take()) {
        const moved = new Set(batch.map((t) => t.symbol));
        out.write(formatEvent({ id: deps.engine.lastId, data: [...moved].map(rowUpdate).join("") }));
      }
    },
    () => {
      stopWatchingFeed();
      sub.close();
      live.close(board.id);
    },
  );
}
