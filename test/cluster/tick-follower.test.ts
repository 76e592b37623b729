import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { TickFollower } from "../../src/cluster/tick-follower.ts";
import type { Tick } from "../../src/engine/tick.ts";
import { createLogger } from "../../src/log.ts";
import { startTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

/** The engine's node: a real runtime whose committed ticks are in its database. */
let engineNode: TestRuntime;
beforeAll(async () => {
  engineNode = await startTestRuntime({ SYMBOLS: "AAPL,MSFT" });
  for (let i = 1; i <= 12; i++) await engineNode.source.push(i % 2 ? "AAPL" : "MSFT", 100 + i);
});
afterAll(() => engineNode.stop());

/** A follower's engine: what it published, in order. */
function followerEngine(lastPublishedId = 0) {
  const published: Tick[] = [];
  return {
    published,
    engine: {
      get lastPublishedId() {
        return published.at(-1)?.id ?? lastPublishedId;
      },
      publish: (ticks: readonly Tick[]) => void published.push(...ticks),
    },
  };
}

const committed = (from: number, to: number) => engineNode.store.after(from - 1, 1000, to);
const idsOf = (ticks: readonly Tick[]) => ticks.map((t) => t.id);

describe("a follower publishes the engine's rounds", () => {
  test("in order, each tick once: a round sent twice is published once", async () => {
    const { engine, published } = followerEngine();
    const follower = new TickFollower(engine, engineNode.store, createLogger("silent"));
    const round = { node: "a", prevId: 0, ticks: await committed(1, 3) };
    await follower.take(round);
    await follower.take(round);
    await follower.take({ node: "a", prevId: 3, ticks: await committed(4, 4) });
    expect(idsOf(published)).toEqual([1, 2, 3, 4]);
  });

  test("rounds it missed (broker down, a new engine) are read from the database first", async () => {
    const { engine, published } = followerEngine();
    const follower = new TickFollower(engine, engineNode.store, createLogger("silent"));
    await follower.take({ node: "a", prevId: 0, ticks: await committed(1, 2) });
    await follower.take({ node: "a", prevId: 9, ticks: await committed(10, 12) });
    expect(idsOf(published)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(published).toEqual(await committed(1, 12));
  });

  test("while the database cannot be read, the gap is not papered over: the next round fills it", async () => {
    const { engine, published } = followerEngine(2);
    let down = true;
    const store = {
      after: (afterId: number, limit: number, upTo?: number) =>
        down ? Promise.reject(new Error("database down")) : engineNode.store.after(afterId, limit, upTo),
    };
    const follower = new TickFollower(engine, store, createLogger("silent"));
    await follower.take({ node: "a", prevId: 5, ticks: await committed(6, 6) });
    expect(published).toEqual([]);
    down = false;
    await follower.take({ node: "a", prevId: 6, ticks: await committed(7, 7) });
    expect(idsOf(published)).toEqual([3, 4, 5, 6, 7]);
  });

  test("catchUp publishes every committed tick it has not published yet", async () => {
    const { engine, published } = followerEngine(8);
    await new TickFollower(engine, engineNode.store, createLogger("silent")).catchUp();
    expect(idsOf(published)).toEqual([9, 10, 11, 12]);
  });
});
