import { describe, expect, test } from "bun:test";
import { FeedMonitor } from "../../src/engine/feed-health.ts";
import { createMarket } from "../../src/engine/market.ts";
import type { Tick } from "../../src/engine/tick.ts";
import { TickHistory } from "../../src/engine/tick-history.ts";
import { Listeners } from "../../src/listeners.ts";
import { tickOf } from "../support/ticks.ts";

function marketOver() {
  const rounds = new Listeners<readonly Tick[]>();
  const engine = {
    symbols: new Set(["AAPL", "MSFT"]),
    lastPublishedId: 0,
    feed: new FeedMonitor("mock"),
    onRound: (listener: (ticks: readonly Tick[]) => void) => rounds.add(listener),
  };
  const history = new TickHistory(10);
  return { engine, history, rounds, market: createMarket({ engine, history }) };
}

describe("the market", () => {
  test("prices are those of the last published tick, undefined before the first", () => {
    const { history, market } = marketOver();
    expect(market.price("AAPL")).toBeUndefined();
    history.add(tickOf(1, "AAPL", 187.3));
    history.add(tickOf(2, "AAPL", 188));

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

  test("round listeners get each round of published ticks, until they stop", () => {
    const { rounds, market } = marketOver();
    const seen: number[][] = [];
    const stop = market.onRound((ticks) => seen.push(ticks.map((t) => t.id)));
    rounds.emit([tickOf(1, "AAPL", 1), tickOf(2, "MSFT", 2)]);
    stop();
    rounds.emit([tickOf(3, "AAPL", 3)]);
    expect(seen).toEqual([[1, 2]]);
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
