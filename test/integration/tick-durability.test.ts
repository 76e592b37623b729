import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createClient } from "@libsql/client";
import { eventually } from "../support/sse-reader.ts";
import { startTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime({ SYMBOLS: "AAPL,MSFT" });
});
afterAll(() => rt.stop());

const ready = async () => (await rt.get("/health/ready")).status;
const storedPrices = async (symbol: string): Promise<number[]> =>
  ((await (await rt.get(`/api/prices/${symbol}/history?limit=1000`)).json()) as { ticks: { price: number }[] }).ticks
    .map((t) => t.price)
    .reverse();

describe("ticks reach clients only once they are durable", () => {
  test("prices outside 0.01 … 1e9 are refused by the engine; the good ones around them are written", async () => {
    for (const price of [101, 1e308, Number.NaN, Infinity, 0, -5, 1_000_000_001, 102]) rt.source.push("MSFT", price);
    await rt.writer.flush();
    expect(await storedPrices("MSFT")).toEqual([101, 102]);
    expect(rt.engine.refused).toBe(6);
    expect(await ready()).toBe(200);
  });

  test("a database that refuses writes makes the node unready, publishes nothing, and loses nothing", async () => {
    const db = createClient({ url: rt.databaseUrl });
    await db.execute("ALTER TABLE ticks RENAME TO ticks_away");
    const before = rt.engine.lastPublishedId;
    rt.source.push("AAPL", 150);
    rt.source.push("AAPL", 151);
    await eventually(async () => (await ready()) === 503);
    const body = (await (await rt.get("/health/ready")).json()) as {
      checks: { writer: { ok: boolean; pending: number } };
    };
    expect(body.checks.writer).toMatchObject({ ok: false, pending: 2 });
    expect(rt.engine.lastPublishedId).toBe(before);

    await db.execute("ALTER TABLE ticks_away RENAME TO ticks");
    db.close();
    await rt.writer.flush();
    expect(await ready()).toBe(200);
    expect(rt.engine.lastPublishedId).toBe(before + 2);
    expect(await storedPrices("AAPL")).toEqual([150, 151]);
  });
});
