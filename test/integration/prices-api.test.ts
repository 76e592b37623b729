import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Tick } from "../../src/engine/tick.ts";
import { startTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

let rt: TestRuntime;

beforeAll(async () => {
  rt = await startTestRuntime({ SYMBOLS: "AAPL,MSFT,TSLA" });
  for (let i = 1; i <= 150; i++) rt.source.push("AAPL", 100 + i);
  rt.source.push("MSFT", 300);
  rt.source.push("MSFT", 297);
  await rt.writer.flush();
});
afterAll(() => rt.stop());

describe("GET /api/prices", () => {
  test("lists the latest tick of every symbol that has one", async () => {
    const res = await rt.get("/api/prices");
    expect(res.status).toBe(200);
    const { prices } = (await res.json()) as { prices: Tick[] };
    expect(prices.map((p) => [p.symbol, p.price, p.seq])).toEqual([
      ["AAPL", 250, 150],
      ["MSFT", 297, 2],
    ]);
  });
});

describe("GET /api/prices/:symbol", () => {
  test("answers the latest tick with its change against the previous price", async () => {
    const tick = (await (await rt.get("/api/prices/msft")).json()) as Tick;
    expect(tick).toMatchObject({ symbol: "MSFT", price: 297, prevPrice: 300, change: -3, changePercent: -1, seq: 2 });
    expect(tick.id).toBe(152);
  });

  test("an unknown symbol is a 404 JSON error", async () => {
    const res = await rt.get("/api/prices/ZZZZ");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "unknown_symbol", message: "Unknown symbol ZZZZ" } });
  });

  test("a configured symbol with no tick yet is a 404 saying so", async () => {
    const res = await rt.get("/api/prices/TSLA");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "no_price_yet", message: "No price for TSLA yet" } });
  });
});

describe("GET /api/prices/:symbol/history", () => {
  const history = async (query: string) => {
    const res = await rt.get(`/api/prices/AAPL/history${query}`);
    return { status: res.status, body: (await res.json()) as { ticks: Tick[]; error?: { message: string } } };
  };

  test("defaults to the newest 100 ticks, newest first", async () => {
    const { body } = await history("");
    expect(body.ticks.length).toBe(100);
    expect(body.ticks[0]!.seq).toBe(150);
    expect(body.ticks.at(-1)!.seq).toBe(51);
  });

  test("goes beyond the in-memory ring into libSQL with no gap or duplicate", async () => {
    const { body } = await history("?limit=1000");
    expect(body.ticks.map((t) => t.seq)).toEqual(Array.from({ length: 150 }, (_, i) => 150 - i));
  });

  test.each(["0", "1001", "abc", "2.5", "-1", ""])("limit=%j is a 400 naming the rule", async (limit) => {
    const { status, body } = await history(`?limit=${limit}`);
    expect(status).toBe(400);
    expect(body.error!.message).toBe("limit: must be an integer from 1 to 1000");
  });

  test("an unknown symbol is a 404", async () => {
    expect((await rt.get("/api/prices/NOPE/history")).status).toBe(404);
  });
});

describe("health", () => {
  test("live answers ok", async () => {
    expect(await (await rt.get("/health/live")).json()).toEqual({ status: "ok" });
  });

  test("ready checks the database and the engine", async () => {
    const res = await rt.get("/health/ready");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: "ready",
      checks: { database: { ok: true }, engine: { ok: true, lastTickId: 152 } },
    });
  });
});

describe("unknown paths", () => {
  test("an unknown API path is a JSON 404, a page path an HTML page", async () => {
    const api = await rt.get("/api/nothing");
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe("not_found");
    const page = await rt.get("/nothing/<b>");
    expect(page.status).toBe(404);
    const html = await page.text();
    expect(html).toContain("Nothing at /nothing/&lt;b&gt;");
    expect(html).not.toContain("<b>");
  });
});
