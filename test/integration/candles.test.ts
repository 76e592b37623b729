import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

/** A whole minute (and 10 s and 1 s) boundary, in 2023: every window here is closed. */
const B = 1_700_000_040_000;
let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime({ SYMBOLS: "AAPL,MSFT" });
  for (const [dt, price] of [
    [1_000, 100],
    [30_000, 105],
    [59_999, 98],
    [60_000, 101],
    [180_500, 110],
  ] as const)
    await rt.source.pushAt("AAPL", price, B + dt);
});
afterAll(() => rt.stop());

const json = async (path: string) => {
  const res = await rt.get(path);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const iso = (ms: number) => new Date(ms).toISOString();

describe("candles", () => {
  test("tumbling UTC windows by tick time: a tick on a boundary opens the next window, an empty window makes no candle", async () => {
    const { status, body } = await json(`/api/prices/AAPL/candles?interval=1m&from=${B}&to=${B + 600_000}`);
    expect(status).toBe(200);
    expect(body.candles).toEqual([
      { start: iso(B), end: iso(B + 60_000), open: 100, high: 105, low: 98, close: 98, ticks: 3, forming: false },
      {
        start: iso(B + 60_000),
        end: iso(B + 120_000),
        open: 101,
        high: 101,
        low: 101,
        close: 101,
        ticks: 1,
        forming: false,
      },
      {
        start: iso(B + 180_000),
        end: iso(B + 240_000),
        open: 110,
        high: 110,
        low: 110,
        close: 110,
        ticks: 1,
        forming: false,
      },
    ]);
  });

  test("every interval is kept; 10s windows split the first minute", async () => {
    const { body } = await json(`/api/prices/AAPL/candles?interval=10s&from=${iso(B)}&to=${iso(B + 60_000)}`);
    expect((body.candles as { start: string; ticks: number }[]).map((c) => [c.start, c.ticks])).toEqual([
      [iso(B), 1],
      [iso(B + 30_000), 1],
      [iso(B + 50_000), 1],
    ]);
    const day = await json("/api/prices/AAPL/candles?interval=1d");
    expect(day.body.candles).toEqual([
      expect.objectContaining({
        start: iso(B - (B % 86_400_000)),
        open: 100,
        high: 110,
        low: 98,
        close: 110,
        ticks: 5,
      }),
    ]);
  });

  test("limit keeps the latest windows of the range, oldest first", async () => {
    const { body } = await json("/api/prices/AAPL/candles?interval=1m&limit=2");
    expect((body.candles as { start: string }[]).map((c) => c.start)).toEqual([iso(B + 60_000), iso(B + 180_000)]);
  });

  test("the candle of a window still open is forming", async () => {
    await rt.source.pushAt("MSFT", 300, Date.now());
    const { body } = await json("/api/prices/MSFT/candles?interval=1d");
    expect(body.candles).toEqual([expect.objectContaining({ open: 300, ticks: 1, forming: true })]);
  });

  test.each([
    ["interval=2m", "interval: one of 1s, 10s, 1m, 5m, 1h, 1d"],
    ["interval=1m&from=yesterday", "from: an ISO-8601 date or time"],
    ["interval=1m&limit=0", "limit: must be an integer from 1 to 5000"],
    ["interval=1m&from=2000&to=1000", "from: must be before to"],
  ])("%s is a 400 naming the parameter", async (query, message) => {
    const { status, body } = await json(`/api/prices/AAPL/candles?${query}`);
    expect(status).toBe(400);
    expect((body.error as { message: string }).message).toStartWith(message);
  });
});

describe("statistics", () => {
  test("first, last, count, all-time low and high with their times", async () => {
    const { body } = await json("/api/prices/AAPL/stats");
    expect(body).toMatchObject({
      symbol: "AAPL",
      ticks: 5,
      first: { price: 100, ts: B + 1_000 },
      last: { price: 110, ts: B + 180_500 },
      low: { price: 98, ts: B + 59_999, at: iso(B + 59_999) },
      high: { price: 110, ts: B + 180_500 },
    });
  });
});

describe("across a restart", () => {
  test("a window open before the restart is continued after it: same open, merged high, low and count", async () => {
    const env = { SYMBOLS: "AAPL", DATABASE_URL: `${rt.databaseUrl}-restart` };
    const before = await startTestRuntime(env);
    await before.source.pushAt("AAPL", 50, B + 5_000);
    await before.source.pushAt("AAPL", 55, B + 6_000);
    await before.stop();
    const after = await startTestRuntime(env);
    await after.source.pushAt("AAPL", 40, B + 7_000);
    await after.source.pushAt("AAPL", 52, B + 8_000);
    const candles = (await (await after.get(`/api/prices/AAPL/candles?interval=1m&from=${B}`)).json()) as {
      candles: unknown[];
    };
    const stats = (await (await after.get("/api/prices/AAPL/stats")).json()) as Record<string, unknown>;
    await after.stop();
    expect(candles.candles).toEqual([expect.objectContaining({ open: 50, high: 55, low: 40, close: 52, ticks: 4 })]);
    expect(stats).toMatchObject({
      ticks: 4,
      first: { price: 50 },
      last: { price: 52 },
      low: { price: 40 },
      high: { price: 55 },
    });
  });
});
