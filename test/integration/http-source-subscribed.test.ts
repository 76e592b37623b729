import { expect, test } from "bun:test";
import type { Tick } from "../../src/engine/tick.ts";
import { useMockApiRuntime } from "../support/mock-api-process.ts";
import { readEvents } from "../support/sse-reader.ts";

const ctx = useMockApiRuntime({ POLL_SUBSCRIBED_ONLY: "1", SYMBOLS: "AAPL,MSFT,NFLX", TICK_MS: "30" });

test("with POLL_SUBSCRIBED_ONLY=1 nothing is polled until someone subscribes, then only their symbols", async () => {
  await Bun.sleep(150);
  expect(ctx.rt.engine.lastId).toBe(0);
  const events = await readEvents(await ctx.rt.get("/api/stream?symbols=MSFT"), 3);
  expect(events.map((e) => (JSON.parse(e.data) as Tick).symbol)).toEqual(["MSFT", "MSFT", "MSFT"]);
  const prices = (await (await ctx.rt.get("/api/prices")).json()) as { prices: Tick[] };
  expect(prices.prices.map((t) => t.symbol)).toEqual(["MSFT"]);
});
