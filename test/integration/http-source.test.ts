import { describe, expect, test } from "bun:test";
import type { FeedHealth } from "../../src/engine/feed-health.ts";
import type { Tick } from "../../src/engine/tick.ts";
import { useMockApiRuntime } from "../support/mock-api-process.ts";
import { eventually, readEvents } from "../support/sse-reader.ts";

const ctx = useMockApiRuntime({
  SYMBOLS: "AAPL,MSFT,NFLX",
  TICK_MS: "40",
  PRICE_API_TIMEOUT_MS: "300",
  BREAKER_THRESHOLD: "3",
  BREAKER_HALF_OPEN_MS: "300",
});

const feed = async () => (await (await ctx.rt.get("/api/feed")).json()) as FeedHealth & { status: string };
const storedCount = async () => {
  await ctx.rt.writer.flush();
  return ctx.rt.store.count();
};
const ticksGrowBy = async (n: number) => {
  const start = ctx.rt.engine.lastId;
  await eventually(() => ctx.rt.engine.lastId >= start + n);
};

describe("HTTP price source against the mock API", () => {
  test("normal run: ticks within the API's ranges reach the store and the stream", async () => {
    const stream = await ctx.rt.get("/api/stream?symbols=NFLX");
    const events = await readEvents(stream, 3);
    for (const event of events) {
      const tick = JSON.parse(event.data) as Tick;
      expect(tick.symbol).toBe("NFLX");
      expect(tick.price).toBeWithin(450, 550.01);
    }
    const stored = await ctx.rt.store.history("AAPL", 1000);
    expect(stored.length).toBeGreaterThan(0);
    for (const tick of stored) expect(tick.price).toBeWithin(145, 155.01);
    expect((await feed()).status).toBe("live");
  });

  test("errorRate 1 opens the breaker: nothing is emitted or stored; errorRate 0 recovers", async () => {
    await ctx.api.setFaults({ errorRate: 1 });
    await eventually(async () => (await feed()).state === "open");
    const health = await feed();
    expect(health.status).toBe("interrupted");
    expect(health.interruptedSince).toBeNumber();
    expect(health.lastError).toContain("503");
    const frozenId = ctx.rt.engine.lastId;
    const frozenCount = await storedCount();
    await Bun.sleep(200);
    expect(ctx.rt.engine.lastId).toBe(frozenId);
    expect(await storedCount()).toBe(frozenCount);
    const ready = (await (await ctx.rt.get("/health/ready")).json()) as {
      status: string;
      checks: { feed: { state: string } };
    };
    expect(ready).toMatchObject({ status: "ready", checks: { feed: { state: "open" } } });

    await ctx.api.setFaults({ errorRate: 0 });
    await eventually(async () => (await feed()).state === "closed");
    await ticksGrowBy(3);
    expect((await feed()).interruptedSince).toBeNull();
  });

  test("down (connection refused) then up: interrupted, then live again by itself", async () => {
    await ctx.api.setFaults({ down: true });
    await eventually(async () => (await feed()).state === "open");
    await ctx.api.setFaults({ down: false });
    await eventually(async () => (await feed()).state === "closed");
    await ticksGrowBy(3);
  });

  test.each(["missing-price", "string-price", "negative-price"] as const)(
    "every item malformed (%s): dropped and counted, nothing stored, the feed interrupted until they are good again",
    async (malformed) => {
      const droppedBefore = (await feed()).droppedItems;
      await ctx.api.setFaults({ malformed });
      await eventually(async () => (await feed()).state === "open");
      const health = await feed();
      expect(health).toMatchObject({ status: "interrupted", lastError: expect.stringContaining("malformed items") });
      expect(health.droppedItems).toBeGreaterThan(droppedBefore);
      const frozen = await storedCount();
      const from = ctx.rt.engine.lastId;
      await eventually(
        async () =>
          (await feed()).state === "half-open" || (await feed()).consecutiveFailures > health.consecutiveFailures,
      );
      expect(ctx.rt.engine.lastId).toBe(from);
      expect(await storedCount()).toBe(frozen);
      await ctx.api.setFaults({ malformed: false });
      await eventually(async () => (await feed()).status === "live");
      await ticksGrowBy(3);
    },
  );

  test.each(["json", "not-array"] as const)(
    "a malformed body (%s) is a failure: the breaker opens, then recovers",
    async (malformed) => {
      await ctx.api.setFaults({ malformed });
      await eventually(async () => (await feed()).state === "open");
      expect((await feed()).lastError).toContain("the price API answered");
      await ctx.api.setFaults({ malformed: false });
      await eventually(async () => (await feed()).state === "closed");
    },
  );

  test("unknown extra fields are accepted", async () => {
    await ctx.api.setFaults({ malformed: "extra-fields" });
    await ticksGrowBy(6);
    await ctx.api.setFaults({ malformed: false });
  });

  test("every stored price is a real API price: ids are gap-free and no price is outside its range", async () => {
    await ctx.rt.writer.flush();
    const all = (await Promise.all(["AAPL", "MSFT", "NFLX"].map((s) => ctx.rt.store.history(s, 100_000)))).flat();
    expect(all.length).toBe(await ctx.rt.store.count());
    const ids = all.map((t) => t.id).sort((a, b) => a - b);
    expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => i + 1));
    const ranges: Record<string, [number, number]> = { AAPL: [145, 155], MSFT: [305, 320], NFLX: [450, 550] };
    for (const t of all) expect(t.price).toBeWithin(ranges[t.symbol]![0], ranges[t.symbol]![1] + 0.01);
  });
});
