import { describe, expect, test } from "bun:test";
import { BrokenCircuitError } from "cockatiel";
import { type BreakerState, FeedMonitor } from "../../src/engine/feed-health.ts";
import { feedPolicy } from "../../src/engine/sources/resilience.ts";

const HALF_OPEN_MS = 80;

function breakerUnderTest() {
  const feed = new FeedMonitor("http");
  const states: BreakerState[] = [];
  feed.onChange((h) => (states.at(-1) ?? "closed") !== h.state && states.push(h.state));
  const policy = feedPolicy({ timeoutMs: 50, attempts: 1, breakerThreshold: 3, halfOpenMs: HALF_OPEN_MS }, feed);
  const call = (outcome: "ok" | "fail" | "hang") =>
    policy
      .execute(() =>
        outcome === "ok"
          ? Promise.resolve("ok")
          : outcome === "fail"
            ? Promise.reject(new Error("503"))
            : new Promise(() => {}),
      )
      .catch((error: unknown) => error);
  return { feed, states, call };
}

describe("feed circuit breaker", () => {
  test("stays closed below the threshold and counts consecutive failures", async () => {
    const { feed, call } = breakerUnderTest();
    await call("fail");
    await call("fail");
    expect(feed.health).toMatchObject({ state: "closed", consecutiveFailures: 2, lastError: "503" });
    await call("ok");
    expect(feed.health).toMatchObject({ state: "closed", consecutiveFailures: 0, interruptedSince: null });
    expect(feed.health.lastSuccessAt).toBeNumber();
  });

  test("closed → open after N consecutive failures; then calls fail fast without running", async () => {
    const { feed, call } = breakerUnderTest();
    for (let i = 0; i < 3; i++) await call("fail");
    expect(feed.health.state).toBe("open");
    expect(feed.health.interruptedSince).toBeNumber();
    expect(await call("ok")).toBeInstanceOf(BrokenCircuitError);
  });

  test("a timeout counts as a failure", async () => {
    const { feed, call } = breakerUnderTest();
    for (let i = 0; i < 3; i++) await call("hang");
    expect(feed.health.state).toBe("open");
  });

  test("open → half-open after the delay → closed on a good probe", async () => {
    const { feed, states, call } = breakerUnderTest();
    for (let i = 0; i < 3; i++) await call("fail");
    await Bun.sleep(HALF_OPEN_MS + 20);
    expect(await call("ok")).toBe("ok");
    expect(states).toEqual(["open", "half-open", "closed"]);
    expect(feed.health).toMatchObject({ state: "closed", consecutiveFailures: 0, interruptedSince: null });
  });

  test("half-open → open again on a bad probe", async () => {
    const { states, call } = breakerUnderTest();
    for (let i = 0; i < 3; i++) await call("fail");
    await Bun.sleep(HALF_OPEN_MS + 20);
    await call("fail");
    expect(states).toEqual(["open", "half-open", "open"]);
    expect(await call("ok")).toBeInstanceOf(BrokenCircuitError);
  });

  test("retries each call up to the number of attempts, and never while open", async () => {
    const feed = new FeedMonitor("http");
    const policy = feedPolicy({ timeoutMs: 50, attempts: 3, breakerThreshold: 5, halfOpenMs: 10_000 }, feed);
    let runs = 0;
    const failing = () =>
      policy
        .execute(() => {
          runs++;
          return Promise.reject(new Error("503"));
        })
        .catch(() => {});
    await failing();
    expect(runs).toBe(3);
    await failing();
    expect(runs).toBe(5);
    expect(feed.health.state).toBe("open");
  });
});
