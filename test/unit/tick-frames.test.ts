import { expect, test } from "bun:test";
import type { Tick } from "../../src/engine/tick.ts";
import { tickFrames } from "../../src/sse/tick-frames.ts";

test("a tick is serialised once as a named event with its id, whatever the number of streams", () => {
  const frameOf = tickFrames();
  const tick: Tick = { id: 7, symbol: "AAPL", price: 1, prevPrice: 1, change: 0, changePercent: 0, ts: 0, seq: 1 };
  const original = JSON.stringify(tick);
  const frame = frameOf(tick);

  expect(frame).toBe(`event: tick\nid: 7\ndata: ${original}\n\n`);
  tick.price = 2; // kept per tick object: serialising it again would show the new price
  expect(frameOf(tick)).toBe(frame);
  expect(frameOf({ ...tick })).not.toBe(frame);
});
