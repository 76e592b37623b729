import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { cotahistText, generatedTicker } from "../../scripts/generate-b3/cotahist.ts";
import { type B3Runtime, DEMO, importFile, latin1, PETR4_DEMO_DAY, startB3Runtime, TRADES } from "./support.ts";

let rt: B3Runtime;
beforeAll(async () => {
  rt = await startB3Runtime();
  await importFile(rt, "demo.TXT", Bun.file(DEMO));
  await importFile(rt, "trades.txt", Bun.file(TRADES));
  // 3 trading days (2024-01-02, 03, 04) of 10 records each, the tenth on the term market (30 days).
  await importFile(rt, "gen.TXT", latin1(cotahistText({ records: 30, perDay: 10, startDate: "2024-01-02" })));
});
afterAll(() => rt.close());

interface Page {
  quotes: { date: string; ticker: string; market: number; term: number | null }[];
  nextCursor: string | null;
}
const page = async (query: string): Promise<Page> => (await (await rt.get(`/api/quotes?${query}`)).json()) as Page;
const errorOf = async (path: string) => {
  const res = await rt.get(path);
  return { status: res.status, ...((await res.json()) as { error: { code: string; message: string } }).error };
};

describe("GET /api/quotes", () => {
  test("newest first, 100 a page by default, with a cursor to the next page", async () => {
    const first = await page("");
    expect(first.quotes).toHaveLength(100);
    expect(first.quotes.slice(0, 4).map((q) => q.date)).toEqual([
      "2024-01-04",
      "2024-01-04",
      "2024-01-04",
      "2024-01-04",
    ]);
    expect(first.nextCursor).toBeString();
  });

  test("walking the pages with the cursor gives every row once, in order", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const p: Page = await page(`from=2024-01-01&limit=5${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...p.quotes.map((q) => `${q.date} ${q.ticker}`));
      cursor = p.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(30);
    expect(new Set(seen).size).toBe(30);
    expect(seen).toEqual([...seen].sort().reverse());
  });

  test("filters by ticker, date range and market; market accepts 10 or 010", async () => {
    const ticker = generatedTicker(1);
    expect((await page(`ticker=${ticker.toLowerCase()}`)).quotes.map((q) => q.date)).toEqual([
      "2024-01-04",
      "2024-01-03",
      "2024-01-02",
    ]);
    expect((await page(`ticker=${ticker}&from=2024-01-03&to=2024-01-03`)).quotes).toHaveLength(1);
    const term = (await page("market=030&from=2024-01-01")).quotes;
    expect(term.map((q) => [q.ticker, q.term])).toEqual([
      [generatedTicker(9), 30],
      [generatedTicker(9), 30],
      [generatedTicker(9), 30],
    ]);
    expect((await page("ticker=PETR4&market=10")).quotes).toMatchObject([{ ticker: "PETR4", market: 10, term: null }]);
  });

  test.each([
    ["from=2024-13-01", "from: must be a date YYYY-MM-DD"],
    ["to=yesterday", "to: must be a date YYYY-MM-DD"],
    ["from=2024-02-01&to=2024-01-01", "to: must not be before from"],
    ["limit=0", "limit: must be an integer from 1 to 1000"],
    ["limit=1001", "limit: must be an integer from 1 to 1000"],
    ["limit=ten", "limit: must be an integer from 1 to 1000"],
    ["market=cash", "market: must be a market code (TPMERC), like 10 or 010"],
    ["cursor=garbage", "cursor: is not a cursor from a previous page (use nextCursor as it was given)"],
    ["ticker=PETR4;DROP", "ticker: must be a B3 ticker (letters and digits, up to 12, like PETR4)"],
  ])("%s → 400 naming the parameter", async (query, message) => {
    expect(await errorOf(`/api/quotes?${query}`)).toEqual({ status: 400, code: "invalid_parameter", message });
  });

  /** A cursor holding `values`; "INFINITY" is written as 1e999, which JSON.parse reads as Infinity. */
  const cursorOf = (values: unknown): string =>
    Buffer.from(JSON.stringify(values).replace('"INFINITY"', "1e999")).toString("base64url");
  test.each([
    ["a market of 1e999", ["2024-01-04", "G000004", "INFINITY", ""]],
    ["a fractional market", ["2024-01-04", "G000004", 10.5, ""]],
    ["a negative market", ["2024-01-04", "G000004", -1, ""]],
    ["a market past 999", ["2024-01-04", "G000004", 1000, ""]],
    ["a date that is not in the calendar", ["2024-02-30", "G000004", 10, ""]],
    ["an empty ticker", ["2024-01-04", "", 10, ""]],
    ["a ticker longer than 12", ["2024-01-04", "G0000041234567", 10, ""]],
    ["a term that is not PRAZOT", ["2024-01-04", "G000004", 10, "thirty"]],
    ["a fifth value", ["2024-01-04", "G000004", 10, "", 1]],
    ["an object", { date: "2024-01-04", ticker: "G000004", market: 10, term: "" }],
  ])("a cursor holding %s → 400 naming cursor", async (_, values) => {
    expect(await errorOf(`/api/quotes?cursor=${cursorOf(values)}`)).toEqual({
      status: 400,
      code: "invalid_parameter",
      message: "cursor: is not a cursor from a previous page (use nextCursor as it was given)",
    });
  });
});

describe("GET /api/quotes/:ticker", () => {
  test("COTAHIST rows of the ticker with open/high/low/close/average/trades/quantity/volume", async () => {
    const body = (await (await rt.get("/api/quotes/petr4")).json()) as {
      ticker: string;
      daily: unknown[];
      trades: unknown[];
    };
    expect(body.ticker).toBe("PETR4");
    expect(body.daily).toEqual([expect.objectContaining(PETR4_DEMO_DAY)]);
    expect(body.trades).toEqual([]);
  });

  test("an unknown ticker is a 404 saying how to get it", async () => {
    expect(await errorOf("/api/quotes/ZZZZ9")).toEqual({
      status: 404,
      code: "unknown_ticker",
      message: "No quotes or trades for ZZZZ9: import a COTAHIST or NEGOCIOSAVISTA file that has it",
    });
  });
});

describe("GET /api/quotes/:ticker/summary", () => {
  test("the highest price and the largest daily quantity since start_date", async () => {
    expect(await (await rt.get("/api/quotes/PETR4/summary?start_date=2003-01-01")).json()).toEqual({
      ticker: "PETR4",
      max_range_value: 47.1,
      max_daily_volume: 1_291_300,
    });
    expect(await (await rt.get("/api/quotes/DDIN25/summary?start_date=2025-04-28")).json()).toEqual({
      ticker: "DDIN25",
      max_range_value: 5.97,
      max_daily_volume: 118,
    });
  });

  test("days before start_date are left out; an unknown ticker is 0 and 0", async () => {
    expect(await (await rt.get("/api/quotes/PETR4/summary?start_date=2003-02-13")).json()).toEqual({
      ticker: "PETR4",
      max_range_value: 0,
      max_daily_volume: 0,
    });
    expect(await (await rt.get("/api/quotes/NOPE3/summary?start_date=2000-01-01")).json()).toEqual({
      ticker: "NOPE3",
      max_range_value: 0,
      max_daily_volume: 0,
    });
  });

  test("the largest day sums the day's markets", async () => {
    const ticker = generatedTicker(1);
    const { daily } = (await (await rt.get(`/api/quotes/${ticker}`)).json()) as {
      daily: { quantity: number; high: number }[];
    };
    const summary = (await (await rt.get(`/api/quotes/${ticker}/summary?start_date=2024-01-01`)).json()) as {
      max_range_value: number;
      max_daily_volume: number;
    };
    expect(summary.max_daily_volume).toBe(Math.max(...daily.map((q) => q.quantity)));
    expect(summary.max_range_value).toBe(Math.max(...daily.map((q) => q.high)));
  });

  test("an invalid start_date is a 400", async () => {
    expect(await errorOf("/api/quotes/PETR4/summary?start_date=2024-02-30")).toEqual({
      status: 400,
      code: "invalid_parameter",
      message: "start_date: must be a date YYYY-MM-DD",
    });
  });
});
