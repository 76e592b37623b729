import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eventually, readEvents } from "../support/sse-reader.ts";
import { startTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

const TOKEN = "test-token-0123456789";
let rt: TestRuntime;
const post = (body: unknown) =>
  rt.get("/api/events", { method: "POST", headers: { Authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(body) });

beforeAll(async () => {
  rt = await startTestRuntime({ EVENTS_TOKEN: TOKEN, SYMBOLS: "AAPL,MSFT" });
  await rt.source.push("AAPL", 200);
  await post([
    {
      type: "portfolio.opted_in",
      slug: "alice",
      holdings: [
        { symbol: "AAPL", quantity: 2, avg_price: 150 },
        { symbol: "KO", quantity: 10, avg_price: 50, price: 60 },
      ],
      stats: { yoc: 2.5, sectors: [{ sector: "<script>alert(1)</script>", percent: 100 }] },
    },
    { type: "portfolio.opted_in", slug: "empty" },
  ]);
  await eventually(
    async () => ((await (await rt.get("/api/community")).json()) as { portfolio_count: number }).portfolio_count === 2,
  );
});
afterAll(() => rt.stop());

describe("GET /p/:slug", () => {
  test("shows holdings valued live, allocation, gain and totals", async () => {
    const html = await (await rt.get("/p/alice")).text();
    expect(html).toContain("<h1>alice");
    expect(html).toContain('<dd class="total-value">1,000.00 USD</dd>');
    expect(html).toContain("400.00 USD");
    expect(html).toContain("60.00%");
    expect(html).toContain("+100.00 (+33.33%)");
    expect(html).toContain('hx-sse:connect="/p/alice/stream"');
  });

  test("a hostile sector name is escaped, never executed", async () => {
    const html = await (await rt.get("/p/alice")).text();
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>alert(1)");
  });

  test("an empty portfolio says so", async () => {
    expect(await (await rt.get("/p/empty")).text()).toContain("This portfolio has no holdings yet.");
  });

  test("an unknown slug is a 404 page 'Portfolio not found'", async () => {
    const res = await rt.get("/p/nobody");
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("Portfolio not found");
  });

  test("the stream sends the portfolio again when a held symbol ticks and when the portfolio changes", async () => {
    const stream = await rt.get("/p/alice/stream");
    setTimeout(async () => {
      await Promise.all([rt.source.push("MSFT", 300), rt.source.push("AAPL", 250)]);
      await post({
        type: "portfolio.updated",
        slug: "alice",
        holdings: [{ symbol: "AAPL", quantity: 4, avg_price: 150 }],
      });
    }, 20);
    const [initial, afterTick, afterUpdate] = await readEvents(stream, 3);
    expect(initial!.data).toContain("1,000.00 USD");
    expect(afterTick!.data).toContain("1,100.00 USD");
    expect(afterUpdate!.data).toContain('<dd class="total-value">1,000.00 USD</dd>');
    expect(afterUpdate!.data).not.toContain("KO");
  });
});

describe("the dashboard's community section (recomputed at most twice a second)", () => {
  test("is on the page with its cards and links to portfolios", async () => {
    const html = await (await rt.get("/")).text();
    expect(html).toContain('<section id="community"');
    expect(html).toContain('<a href="/p/alice">alice</a>');
    expect(html).toContain("Available soon");
  });

  test("JSON twins: /api/portfolios and /api/community", async () => {
    const list = (await (await rt.get("/api/portfolios")).json()) as { portfolios: { slug: string }[] };
    expect(list.portfolios.map((p) => p.slug).sort()).toEqual(["alice", "empty"]);
    const community = (await (await rt.get("/api/community")).json()) as {
      portfolio_count: number;
      mean_yield_on_cost: number;
    };
    expect(community).toMatchObject({ portfolio_count: 2, mean_yield_on_cost: 2.5 });
  });
});
