import { describe, expect, test } from "bun:test";
import { FeedMonitor } from "../../src/engine/feed-health.ts";
import { createMarket } from "../../src/engine/market.ts";
import type { Tick } from "../../src/engine/tick.ts";
import { TickBus } from "../../src/engine/tick-bus.ts";
import { TickHistory } from "../../src/engine/tick-history.ts";

const tick = (id: number, symbol: string, price: number): Tick => ({
  id,
  symbol,
  price,
  prevPrice: price,
  change: 0,
  changePercent: 0,
  ts: id,
  seq: id,
});

function marketOver() {
  const engine = { symbols: new Set(["AAPL", "MSFT"]), lastPublishedId: 0, feed: new FeedMonitor("mock") };
  const history = new TickHistory(10);
  const bus = new TickBus();
  return { engine, history, bus, market: createMarket({ engine, history, bus }) };
}

describe("the market", () => {
  test("prices are those of the last published tick, undefined before the first", () => {
    const { history, market } = marketOver();
    expect(market.price("AAPL")).toBeUndefined();
    history.add(tick(1, "AAPL", 187.3));
    history.add(tick(2, "AAPL", 188));

    const { price } = market;
    expect(price("AAPL")).toBe(188);
    expect(market.latest("AAPL")?.id).toBe(2);
    expect(market.recent("AAPL", 5).map((t) => t.id)).toEqual([2, 1]);
  });

  test("lastId follows the engine's last published id", () => {
    const { engine, market } = marketOver();
    engine.lastPublishedId = 41;
    expect(market.lastId).toBe(41);
  });

  test("subscribers get the ticks published on the bus", async () => {
    const { bus, market } = marketOver();
    const sub = market.subscribe({ accepts: (s) => s === "MSFT", capacity: 8, overflow: "coalesce" });
    bus.publish(tick(1, "AAPL", 1));
    bus.publish(tick(2, "MSFT", 2));
    expect((await sub.take()).map((t) => t.id)).toEqual([2]);
  });

  test("the feed is read and watched, never reported to", () => {
    const { engine, market } = marketOver();
    const seen: string[] = [];
    const stop = market.feed.onChange((health) => seen.push(health.state));
    engine.feed.breaker("open");
    stop();
    engine.feed.breaker("closed");

    expect(seen).toEqual(["open"]);
    expect(market.feed.health.state).toBe("closed");
    expect(Object.keys(market.feed)).toEqual(["health", "onChange"]);
  });
});
