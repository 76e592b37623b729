import { type FeedHealth, feedStatus } from "../engine/feed-health.ts";
import { formatTime } from "./format.ts";
import { type Html, html } from "./html.ts";
import { partial } from "./partial.ts";

const SOURCE_NAMES: Record<FeedHealth["source"], string> = {
  mock: "simulated feed",
  http: "price API",
  sse: "upstream Tickertape",
};

/** The feed's state in a few words; the board greys its prices out when it is not live. */
export function feedBadge(health: FeedHealth): Html {
  const status = feedStatus(health);
  const since = health.interruptedSince === null ? "" : ` since ${formatTime(health.interruptedSince)} UTC`;
  const text =
    status === "live"
      ? `Live · ${SOURCE_NAMES[health.source]}`
      : status === "probing"
        ? `Reconnecting… feed interrupted${since}`
        : `Feed interrupted${since}`;
  return html`<p id="feed-badge" class="feed-badge" data-feed="${status}" role="status">${text}</p>`;
}

/** The stream's update of the badge. */
export const feedBadgeUpdate = (health: FeedHealth): Html => partial("#feed-badge", "outerHTML", feedBadge(health));
