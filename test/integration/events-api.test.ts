import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { PortfolioMetrics } from "../../src/portfolio/metrics.ts";
import { eventually } from "../support/sse-reader.ts";
import { startTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

const TOKEN = "test-token-0123456789";
let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime({ EVENTS_TOKEN: TOKEN, SYMBOLS: "AAPL,MSFT" });
});
afterAll(() => rt.stop());

const post = (body: unknown, token: string | null = TOKEN) =>
  rt.get("/api/events", {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(token === null ? {} : { Authorization: `Bearer ${token}` }) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;
const portfolio = async (slug: string) => {
  const res = await rt.get(`/api/portfolios/${slug}`);
  return res.status === 200 ? ((await res.json()) as PortfolioMetrics) : undefined;
};

describe("POST /api/events: authentication", () => {
  test("without a token: 401 with a Bearer challenge", async () => {
    const res = await post({ type: "portfolio.opted_out", slug: "x" }, null);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain("Bearer");
  });

  test("with a wrong token: 403", async () => {
    expect((await post({ type: "portfolio.opted_out", slug: "x" }, "wrong-token-0123456789")).status).toBe(403);
  });

  test("a server with no EVENTS_TOKEN refuses every event", async () => {
    const open = await startTestRuntime({});
    const res = await open.get("/api/events", {
      method: "POST",
      headers: { Authorization: "Bearer anything-at-all-1234" },
      body: "{}",
    });
    expect(res.status).toBe(503);
    expect((await errorOf(res)).message).toContain("EVENTS_TOKEN");
    await open.stop();
  });
});

describe("POST /api/events: events", () => {
  test("opted_in creates a portfolio (USD by default); a second opted_in keeps it as it is", async () => {
    expect(
      (
        await post({
          type: "portfolio.opted_in",
          slug: "alice",
          holdings: [{ symbol: "KO", quantity: 10, avg_price: 50, price: 60 }],
        })
      ).status,
    ).toBe(202);
    await post({ type: "portfolio.opted_in", slug: "alice", holdings: [] });
    expect(await portfolio("alice")).toMatchObject({ base_currency: "USD", total_value: 600, holding_count: 1 });
  });

  test("updated replaces holdings, and creates an unknown portfolio", async () => {
    await post({
      type: "portfolio.updated",
      slug: "alice",
      holdings: [{ symbol: "pep", quantity: 2, avg_price: 100 }],
    });
    expect(await portfolio("alice")).toMatchObject({ total_value: 200, holdings: [{ symbol: "PEP" }] });
    await post({
      type: "portfolio.updated",
      slug: "bob",
      holdings: {
        version: 2,
        holdings: [
          {
            symbol: "VALE3",
            currency: "BRL",
            quantity: 1,
            avg_price: 60,
            price: 62,
            value_in_base: 62,
            value_in_usd: 11.5,
          },
        ],
      },
      base_currency: "BRL",
    });
    expect(await portfolio("bob")).toMatchObject({ base_currency: "BRL", total_value: 62, total_value_usd: 11.5 });
  });

  test("opted_out deletes the portfolio and its visits", async () => {
    await post({ type: "portfolio.opted_in", slug: "carol" });
    await rt.get("/p/carol");
    const community = async () => JSON.stringify(await (await rt.get("/api/community")).json());
    await eventually(async () => (await community()).includes('{"slug":"carol","visits":1}'));
    await post({ type: "portfolio.opted_out", slug: "carol" });
    expect(await portfolio("carol")).toBeUndefined();
    await eventually(async () => !(await community()).includes("carol"));
  });

  test("stock.price_updated feeds a tick for a configured symbol", async () => {
    await post({ type: "stock.price_updated", symbol: "MSFT", price: 321.5, change_percent: 1.2 });
    await rt.writer.flush();
    expect(await (await rt.get("/api/prices/MSFT")).json()).toMatchObject({ symbol: "MSFT", price: 321.5 });
  });

  test("a batch is applied in order", async () => {
    const res = await post([
      { type: "portfolio.opted_in", slug: "dave" },
      { type: "portfolio.updated", slug: "dave", holdings: [{ symbol: "AAPL", quantity: 3, avg_price: 100 }] },
      { type: "stock.price_updated", symbol: "AAPL", price: 210 },
    ]);
    expect(await res.json()).toEqual({ accepted: 3 });
    await rt.writer.flush();
    expect(await portfolio("dave")).toMatchObject({ total_value: 630, holdings: [{ live: true, price: 210 }] });
  });
});

describe("POST /api/events: invalid input", () => {
  test.each([
    [{ type: "portfolio.opted_in", slug: "Bad Slug" }, "slug: a slug"],
    [{ type: "portfolio.opted_in", slug: "-dash" }, "slug: a slug"],
    [{ type: "portfolio.updated", slug: "ok" }, "holdings:"],
    [
      { type: "portfolio.updated", slug: "ok", holdings: [{ symbol: "KO", quantity: -1, avg_price: 1 }] },
      "holdings.0.quantity: a number ≥ 0",
    ],
    [
      { type: "portfolio.updated", slug: "ok", holdings: [{ symbol: "KO", quantity: "10", avg_price: 1 }] },
      "holdings.0.quantity: a number",
    ],
    [{ type: "stock.price_updated", symbol: "ZZZ", price: 1 }, "symbol: ZZZ is not a configured symbol"],
    [{ type: "portfolio.exploded", slug: "ok" }, "type: one of portfolio.opted_in"],
    [[], "a non-empty list of events"],
  ])("%j is a 400 naming the field", async (body, message) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toContain(message);
  });

  test("a body that is not JSON is a 400", async () => {
    const res = await post("{not json");
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("invalid_json");
  });

  test("in a batch, one invalid event means nothing is applied", async () => {
    const res = await post([
      { type: "portfolio.opted_in", slug: "erin" },
      { type: "portfolio.updated", slug: "alice", holdings: [] },
      { type: "portfolio.updated", slug: "erin", holdings: [{ symbol: "KO", quantity: 1 }] },
    ]);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toStartWith("2.holdings.0.avg_price:");
    expect(await portfolio("erin")).toBeUndefined();
    expect((await portfolio("alice"))?.holding_count).toBe(1);
  });
});

describe("POST /api/events: exact error bodies", () => {
  const TYPES = "one of portfolio.opted_in, portfolio.updated, portfolio.opted_out, stock.price_updated";
  const PRICE = "a price from 0.01 to 1000000000";
  const KO = { symbol: "KO", quantity: 1, avg_price: 1 };
  const holding = (field: Record<string, unknown>) => ({
    type: "portfolio.updated",
    slug: "bounded",
    holdings: [{ ...KO, ...field }],
  });
  const sector = (percent: number) => ({
    type: "portfolio.opted_in",
    slug: "bounded",
    stats: { sectors: [{ sector: "Tech", percent }] },
  });
  const MONEY = "a number ≥ -1,000,000,000,000,000 and ≤ 1,000,000,000,000,000";

  test.each([
    ["an unknown type", { type: "portfolio.exploded", slug: "ok" }, `type: ${TYPES}`],
    ["an unknown type in a batch", [{ type: "portfolio.opted_in", slug: "ok" }, { type: "nope" }], `1.type: ${TYPES}`],
    ["a missing type", { slug: "ok" }, `type: ${TYPES}`],
    ["an event that is not an object", 42, "input: an event object with a type"],
    ["a batch item that is not an object", [42], "0: an event object with a type"],
    ["a price of 1e308", { type: "stock.price_updated", symbol: "AAPL", price: 1e308 }, `price: ${PRICE}`],
    [
      "a price of 1e308 in a batch",
      [
        { type: "portfolio.opted_in", slug: "ok" },
        { type: "stock.price_updated", symbol: "AAPL", price: 1e308 },
      ],
      `1.price: ${PRICE}`,
    ],
    ["a price of 0", { type: "stock.price_updated", symbol: "AAPL", price: 0 }, `price: ${PRICE}`],
    ["a quantity of 1e308", holding({ quantity: 1e308 }), "holdings.0.quantity: a number ≥ 0 and ≤ 1,000,000,000,000"],
    ["an avg_price of 1e308", holding({ avg_price: 1e308 }), "holdings.0.avg_price: a number ≥ 0 and ≤ 1,000,000,000"],
    ["a reported price of 1e308", holding({ price: 1e308 }), "holdings.0.price: a number ≥ 0 and ≤ 1,000,000,000"],
    ["a value_in_base of 1e308", holding({ value_in_base: 1e308 }), `holdings.0.value_in_base: ${MONEY}`],
    ["a value_in_usd of -1e308", holding({ value_in_usd: -1e308 }), `holdings.0.value_in_usd: ${MONEY}`],
    ["a sector percent of 1e308", sector(1e308), "stats.sectors.0.percent: a number ≥ 0 and ≤ 100"],
    ["a negative sector percent", sector(-1), "stats.sectors.0.percent: a number ≥ 0 and ≤ 100"],
    [
      "a yield on cost of 1e308",
      { type: "portfolio.opted_in", slug: "bounded", stats: { yoc: 1e308 } },
      "stats.yoc: a number ≥ 0 and ≤ 1,000",
    ],
  ])("%s is a 400 with the exact message", async (_name, body, message) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: "invalid_parameter", message } });
  });

  test("a batch refused for an out-of-range price applies none of its events", async () => {
    const res = await post([
      { type: "portfolio.opted_in", slug: "poisoned" },
      { type: "stock.price_updated", symbol: "AAPL", price: 1e308 },
    ]);
    expect(res.status).toBe(400);
    expect(await portfolio("poisoned")).toBeUndefined();
  });
});

describe("persistence", () => {
  test("portfolios and visits survive a restart", async () => {
    const first = await startTestRuntime({ EVENTS_TOKEN: TOKEN });
    const databaseUrl = first.databaseUrl;
    await first.get("/api/events", {
      method: "POST",
      headers: { Authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({
        type: "portfolio.opted_in",
        slug: "frank",
        base_currency: "EUR",
        holdings: [{ symbol: "SAP", quantity: 2, avg_price: 150 }],
        stats: { yoc: 2.5 },
      }),
    });
    await first.get("/p/frank");
    await first.get("/p/frank");
    await first.stop();

    const second = await startTestRuntime({ DATABASE_URL: databaseUrl });
    expect(await (await second.get("/api/portfolios/frank")).json()).toMatchObject({
      base_currency: "EUR",
      total_value: 300,
      stats: { yoc: 2.5 },
    });
    expect(((await (await second.get("/api/community")).json()) as { trending: unknown[] }).trending).toEqual([
      { slug: "frank", visits: 2 },
    ]);
    await second.stop();
  });
});

describe("limits", () => {
  test("an event body over 1 MB is refused with a 413 before it is read, nothing applied", async () => {
    const huge = {
      type: "portfolio.opted_in",
      slug: "huge",
      stats: { sectors: [{ sector: "x".repeat(2 * 1024 * 1024), percent: 1 }] },
    };
    const res = await post(huge);
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe("body_too_large");
    expect(await portfolio("huge")).toBeUndefined();
  });
});
