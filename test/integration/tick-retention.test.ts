import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Tick } from "../../src/engine/tick.ts";
import type { PruneRun } from "../../src/store/tick-pruner.ts";
import { readEvents } from "../support/sse-reader.ts";
import { startTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

const MINUTE = 60_000;
const env = { SYMBOLS: "AAPL,MSFT,TSLA", TICK_RETENTION: "1h" };
/** 75 minutes of AAPL, a tick a second, from a whole minute three hours ago: past the 1h retention. */
const OLD = Math.floor((Date.now() - 3 * 3_600_000) / MINUTE) * MINUTE;
const OLD_AAPL = 4500;
/** 5 old MSFT ticks among them. */
const OLD_MSFT = 5;
/** Then 5 AAPL ticks from a whole minute ten minutes ago: within the retention. */
const RECENT = Math.floor((Date.now() - 10 * MINUTE) / MINUTE) * MINUTE;
const EMITTED = OLD_AAPL + OLD_MSFT + 5;

let rt: TestRuntime;
let run: PruneRun;
const before: Record<string, unknown> = {};

const json = async <T>(path: string, runtime = rt) => (await (await runtime.get(path)).json()) as T;

beforeAll(async () => {
  rt = await startTestRuntime(env);
  for (let i = 0; i < OLD_AAPL; i++) {
    rt.source.pushAt("AAPL", 100 + (i % 7), OLD + i * 1000);
    // MSFT's last tick is as old as the others: it is kept all the same.
    if (i % 1000 === 10) rt.source.pushAt("MSFT", 300 + Math.floor(i / 1000), OLD + i * 1000 + 1);
  }
  for (let i = 0; i < 5; i++) rt.source.pushAt("AAPL", 120 + i, RECENT + i * 1000);
  await rt.writer.flush();
  before.candles = await json(`/api/prices/AAPL/candles?interval=1m&from=${OLD}`);
  before.stats = await json("/api/prices/AAPL/stats");
  before.msftStats = await json("/api/prices/MSFT/stats");
  run = await rt.pruner.prune();
});
afterAll(() => rt.stop());

describe("pruning ticks older than TICK_RETENTION", () => {
  test("deletes the old ticks in batches and keeps the recent ones", async () => {
    expect(run.deleted).toBe(OLD_AAPL + OLD_MSFT - 1);
    expect(run.batches).toBeGreaterThan(2);
    const aapl = await rt.store.history("AAPL", 10_000);
    expect(aapl.map((t) => [t.seq, t.price, t.ts])).toEqual(
      [4, 3, 2, 1, 0].map((i) => [OLD_AAPL + 1 + i, 120 + i, RECENT + i * 1000]),
    );
  });

  test("keeps the last tick of every symbol, however old", async () => {
    const msft = await rt.store.history("MSFT", 10);
    expect(msft.map((t) => [t.seq, t.price])).toEqual([[OLD_MSFT, 304]]);
    expect(await rt.store.count()).toBe(6);
  });

  test("keeps every candle and the statistics", async () => {
    expect(await json(`/api/prices/AAPL/candles?interval=1m&from=${OLD}`)).toEqual(before.candles);
    expect(await json("/api/prices/AAPL/stats")).toEqual(before.stats);
    expect(await json("/api/prices/MSFT/stats")).toEqual(before.msftStats);
    expect((before.candles as { candles: unknown[] }).candles).toHaveLength(76);
  });

  test("a run with nothing older than the retention deletes nothing", async () => {
    expect(await rt.pruner.prune()).toMatchObject({ deleted: 0, batches: 1 });
  });

  test("health shows the database size, the oldest kept tick and the retention", async () => {
    const { storage } = await json<{ storage: Record<string, unknown> }>("/health/ready");
    const msft = (await rt.store.history("MSFT", 1))[0]!;
    expect(storage).toEqual({
      bytes: expect.any(Number),
      freeBytes: expect.any(Number),
      oldestTick: { id: msft.id, ts: msft.ts, at: new Date(msft.ts).toISOString() },
      retention: "1h",
      lastRun: { finishedAt: expect.any(Number), deleted: 0, batches: 1 },
      lastError: null,
    });
    expect(storage.bytes).toBeGreaterThan(storage.freeBytes as number);
    expect(storage.freeBytes).toBeGreaterThan(0);
  });
});

describe("after a restart on a pruned database", () => {
  beforeAll(async () => {
    await rt.stop();
    rt = await startTestRuntime({ ...env, DATABASE_URL: rt.databaseUrl });
  });

  test("history past the kept ticks comes from 1m candles, and says so", async () => {
    const body = await json<{ ticks: Tick[]; olderFrom: string; candles: Record<string, unknown>[] }>(
      "/api/prices/AAPL/history?limit=8",
    );
    expect(body.ticks.map((t) => t.seq)).toEqual([4505, 4504, 4503, 4502, 4501]);
    expect(body.olderFrom).toBe("candles");
    const lastOldMinute = OLD + 74 * MINUTE;
    expect(body.candles).toEqual(
      [0, 1, 2].map((i) => ({
        start: new Date(lastOldMinute - i * MINUTE).toISOString(),
        end: new Date(lastOldMinute - (i - 1) * MINUTE).toISOString(),
        open: expect.any(Number),
        high: 106,
        low: 100,
        close: expect.any(Number),
        ticks: 60,
        forming: false,
      })),
    );
  });

  test("a history the kept ticks fill says nothing of candles", async () => {
    expect(await json("/api/prices/AAPL/history?limit=5")).toEqual({
      symbol: "AAPL",
      ticks: expect.any(Array),
    });
    expect(await json("/api/prices/TSLA/history")).toEqual({ symbol: "TSLA", ticks: [] });
  });

  test("a Last-Event-ID older than any kept tick replays what memory holds", async () => {
    const kept = [...(await rt.store.history("MSFT", 10)), ...(await rt.store.history("AAPL", 10))];
    const events = await readEvents(await rt.get("/api/stream", { headers: { "Last-Event-ID": "1" } }), 6);
    expect(events.map((e) => Number(e.id))).toEqual(kept.map((t) => t.id).sort((a, b) => a - b));
  });

  test("numbering continues from the last kept tick of each symbol", async () => {
    await rt.source.pushAt("MSFT", 310, Date.now());
    await rt.source.pushAt("AAPL", 130, Date.now());
    const msft = await json<Tick>("/api/prices/MSFT");
    const aapl = await json<Tick>("/api/prices/AAPL");
    expect(msft).toMatchObject({ id: EMITTED + 1, seq: OLD_MSFT + 1, prevPrice: 304, price: 310 });
    expect(aapl).toMatchObject({ id: EMITTED + 2, seq: OLD_AAPL + 6, prevPrice: 124, price: 130 });
  });
});
