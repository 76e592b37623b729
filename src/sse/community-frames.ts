import { memoByIdentity } from "../memo.ts";
import type { CommunityStats } from "../portfolio/community.ts";
import { communityUpdate } from "../views/community-section.ts";
import { formatEvent } from "./frame.ts";

/** The dashboard's community section as one SSE message (an htmx partial). */
export type CommunityFrames = (stats: CommunityStats) => string;

/**
 * Each version of the community statistics rendered once, whatever the number of dashboards that
 * show it.
 * @example const frameOf = communityFrames(); community.onUpdate((stats) => out.write(frameOf(stats)));
 */
export function communityFrames(): CommunityFrames {
  return memoByIdentity((stats: CommunityStats) => formatEvent({ data: String(communityUpdate(stats)) }));
}
