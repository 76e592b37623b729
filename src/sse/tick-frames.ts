import type { Tick } from "../engine/tick.ts";
import { memoByIdentity } from "../memo.ts";
import { formatEvent } from "./frame.ts";

/** A tick as a named `tick` event with its id and JSON data. */
export type TickFrames = (tick: Tick) => string;

/**
 * Each tick serialised once, whatever the number of streams that send it: the same tick object
 * gives the same text, kept as long as the tick is.
 * @example const frameOf = tickFrames(); out.write(frameOf(tick)); // "event: tick\nid: 7\ndata: {…}\n\n"
 */
export function tickFrames(): TickFrames {
  return memoByIdentity((tick: Tick) => formatEvent({ event: "tick", id: tick.id, data: JSON.stringify(tick) }));
}
