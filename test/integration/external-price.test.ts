import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Tick } from "../../src/engine/tick.ts";
import { eventually } from "../support/sse-reader.ts";
import { type ConfiguredRuntime, startConfiguredRuntime } from "../support/test-runtime.ts";

const TOKEN = "external-price-token-0123";
let rt: ConfiguredRuntime;
beforeAll(async () => {
  rt = await startConfiguredRuntime({
    SYMBOLS: "AAPL:150",
    TICK_MS: "20",
    MAX_CHANGE_PERCENT: "1",
    EVENTS_TOKEN: TOKEN,
  });
});
afterAll(() => rt.stop());

const history = async (): Promise<Tick[]> =>
  ((await (await rt.get("/api/prices/AAPL/history?limit=1000")).json()) as { ticks: Tick[] }).ticks.reverse();

describe("an external price moves the random walk", () => {
  test("after stock.price_updated the walk continues from that price: no one-tick spike back", async () => {
    await eventually(() => rt.engine.lastPublishedId >= 3);
    const res = await rt.get("/api/events", {
      method: "POST",
      headers: { Authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ type: "stock.price_updated", symbol: "AAPL", price: 1500 }),
    });
    expect(res.status).toBe(202);
    await eventually(async () => (await history()).some((t, i, all) => t.price === 1500 && i < all.length - 3));

    const ticks = await history();
    const external = ticks.findIndex((t) => t.price === 1500);
    for (const tick of ticks.slice(external + 1, external + 4)) {
      expect(Math.abs(tick.changePercent)).toBeLessThanOrEqual(1.01);
      expect(tick.price).toBeWithin(1400, 1600);
    }
    expect(ticks[external + 1]!.prevPrice).toBe(1500);
  });
});
