import { afterAll, beforeAll, expect, test } from "bun:test";
import type { Tick } from "../../src/engine/tick.ts";
import { spawnMockApi, type MockApiProcess } from "../support/mock-api-process.ts";
import { readEvents } from "../support/sse-reader.ts";
import { startConfiguredRuntime, type ConfiguredRuntime } from "../support/test-runtime.ts";

let api: MockApiProcess;
let rt: ConfiguredRuntime;
beforeAll(async () => {
  api = await spawnMockApi();
  rt = await startConfiguredRuntime({
    PRICE_SOURCE: "http",
    PRICE_API_URL: api.pricesUrl,
    POLL_SUBSCRIBED_ONLY: "1",
    SYMBOLS: "AAPL,MSFT,NFLX",
    TICK_MS: "30",
  });
});
afterAll(async () => {
  await rt.stop();
  await api.stop();
});

test("with POLL_SUBSCRIBED_ONLY=1 nothing is polled until someone subscribes, then only their symbols", async () => {
  await Bun.sleep(150);
  expect(rt.engine.lastId).toBe(0);
  const events = await readEvents(await rt.get("/api/stream?symbols=MSFT"), 3);
  expect(events.map((e) => (JSON.parse(e.data) as Tick).symbol)).toEqual(["MSFT", "MSFT", "MSFT"]);
  const prices = (await (await rt.get("/api/prices")).json()) as { prices: Tick[] };
  expect(prices.prices.map((t) => t.symbol)).toEqual(["MSFT"]);
});
