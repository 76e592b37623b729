import { describe, expect, test } from "bun:test";
import { feedStatus } from "../../src/engine/feed-health.ts";
import { HttpPriceSource } from "../../src/engine/sources/http-source.ts";
import type { PricePoint } from "../../src/engine/tick.ts";
import { createLogger } from "../../src/log.ts";

/** An HTTP source whose API answers `body` with `status`, its breaker far from opening. */
function sourceAnswering(status: number, body: string) {
  const answer = { status, body };
  const fetchStub = (async () => new Response(answer.body, { status: answer.status })) as unknown as typeof fetch;
  const options = {
    url: "http://prices.test/api",
    intervalMs: 60_000,
    timeoutMs: 1000,
    attempts: 2,
    breakerThreshold: 100,
    halfOpenMs: 1000,
  };
  const source = new HttpPriceSource(options, createLogger("silent"), fetchStub);
  const points: PricePoint[] = [];
  const sink = { observe: (q: PricePoint) => points.push(q), relay: () => {}, currentPrice: () => undefined };
  return { source, points, answer, poll: () => source.poll(sink), status: () => feedStatus(source.feed.health) };
}

const stamp = "2026-12-01T10:00:00Z";

describe("feed status", () => {
  test("a poll whose every attempt failed is degraded, with interruptedSince, while the breaker is still closed", async () => {
    const feed = sourceAnswering(503, "busy");
    await feed.poll();
    expect(feed.source.feed.health).toMatchObject({ state: "closed", consecutiveFailures: 2 });
    expect(feed.source.feed.health.interruptedSince).toBeNumber();
    expect(feed.status()).toBe("degraded");
  });

  test("a poll of nothing but malformed items is a failure of the feed, counted as dropped", async () => {
    const feed = sourceAnswering(
      200,
      JSON.stringify([
        { symbol: "AAPL", price: "150", timestamp: stamp },
        { symbol: "MSFT", price: -1, timestamp: stamp },
      ]),
    );
    await feed.poll();
    expect(feed.points).toEqual([]);
    expect(feed.source.feed.health).toMatchObject({ droppedItems: 4, consecutiveFailures: 2 });
    expect(feed.source.feed.health.lastError).toContain("malformed");
    expect(feed.status()).toBe("degraded");
  });

  test("a poll with some good items stays live; the bad ones are dropped", async () => {
    const feed = sourceAnswering(
      200,
      JSON.stringify([
        { symbol: "AAPL", price: 150, timestamp: stamp },
        { symbol: "MSFT", price: 1e308, timestamp: stamp },
      ]),
    );
    await feed.poll();
    expect(feed.points.map((q) => q.symbol)).toEqual(["AAPL"]);
    expect(feed.source.feed.health).toMatchObject({ droppedItems: 1, consecutiveFailures: 0, interruptedSince: null });
    expect(feed.status()).toBe("live");
  });

  test("a good poll after a failed one is live again, interruptedSince cleared", async () => {
    const feed = sourceAnswering(503, "busy");
    await feed.poll();
    Object.assign(feed.answer, {
      status: 200,
      body: JSON.stringify([{ symbol: "AAPL", price: 150, timestamp: stamp }]),
    });
    await feed.poll();
    expect(feed.status()).toBe("live");
    expect(feed.source.feed.health).toMatchObject({ consecutiveFailures: 0, interruptedSince: null });
  });
});
