import { describe, expect, test } from "bun:test";
import type { Tick } from "../../src/engine/tick.ts";
import { TickBus } from "../../src/engine/tick-bus.ts";

let nextId = 0;
const tick = (symbol: string, price = 100): Tick => ({
  id: ++nextId,
  symbol,
  price,
  prevPrice: price,
  change: 0,
  changePercent: 0,
  ts: nextId,
  seq: nextId,
});
const all = () => true;

describe("tick bus", () => {
  test("a stalled subscriber does not delay another: the live one gets every tick at once", async () => {
    const bus = new TickBus();
    const stalled = bus.subscribe({ accepts: all, capacity: 10, overflow: "coalesce" });
    const live = bus.subscribe({ accepts: all, capacity: 10, overflow: "coalesce" });
    const received: number[] = [];
    const reading = (async () => {
      for (let batch = await live.take(); batch.length; batch = await live.take())
        received.push(...batch.map((t) => t.id));
    })();
    const published: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const t = tick(i % 2 ? "AAPL" : "MSFT");
      bus.publish(t);
      published.push(t.id);
      await Promise.resolve();
    }
    live.close();
    await reading;
    expect(received).toEqual(published);
    expect(stalled.closed).toBe(false);
  });

  test("a stalled queue never exceeds its bound", () => {
    const bus = new TickBus();
    const symbols = ["A", "B", "C", "D"];
    const sub = bus.subscribe({ accepts: all, capacity: 5, overflow: "coalesce" });
    for (let i = 0; i < 10_000; i++) {
      bus.publish(tick(symbols[i % 4]!));
      expect(sub.size).toBeLessThanOrEqual(5);
    }
  });

  test("coalescing keeps the latest tick of each symbol, oldest first", async () => {
    const bus = new TickBus();
    const sub = bus.subscribe({ accepts: all, capacity: 3, overflow: "coalesce" });
    const ticks = [tick("A", 1), tick("B", 1), tick("A", 2), tick("B", 2)];
    for (const t of ticks) bus.publish(t);
    const batch = await sub.take();
    expect(batch.map((t) => [t.symbol, t.price])).toEqual([
      ["A", 2],
      ["B", 2],
    ]);
    expect(sub.coalesced).toBe(2);
  });

  test("a 'disconnect' subscriber that falls behind is closed and its take() ends with []", async () => {
    const bus = new TickBus();
    const sub = bus.subscribe({ accepts: all, capacity: 2, overflow: "disconnect" });
    for (let i = 0; i < 3; i++) bus.publish(tick(`S${i}`));
    expect(sub.closed).toBe(true);
    expect(await sub.take()).toEqual([]);
    expect(bus.subscriberCount).toBe(0);
  });

  test("a subscriber only receives the symbols it accepts, read live", async () => {
    const bus = new TickBus();
    const wanted = new Set(["A"]);
    const sub = bus.subscribe({ accepts: (s) => wanted.has(s), capacity: 10, overflow: "coalesce" });
    bus.publish(tick("B"));
    bus.publish(tick("A"));
    wanted.add("B");
    bus.publish(tick("B"));
    expect((await sub.take()).map((t) => t.symbol)).toEqual(["A", "B"]);
  });

  test("closeAll ends every subscription", async () => {
    const bus = new TickBus();
    const subs = [1, 2, 3].map(() => bus.subscribe({ accepts: all, capacity: 4, overflow: "coalesce" }));
    const waiting = subs.map((s) => s.take());
    bus.closeAll();
    expect(await Promise.all(waiting)).toEqual([[], [], []]);
  });
});
