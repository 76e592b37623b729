import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createClient } from "@libsql/client";
import type { CommunityStats } from "../../src/portfolio/community.ts";
import type { PortfolioMetrics } from "../../src/portfolio/metrics.ts";
import { eventually } from "../support/sse-reader.ts";
import { startTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

const TOKEN = "test-token-0123456789";
const post = (rt: TestRuntime, body: unknown) =>
  rt.get("/api/events", { method: "POST", headers: { Authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(body) });
const json = async (rt: TestRuntime, path: string) => (await rt.get(path)).json();

describe("money and percentages are rounded where they leave the server", () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await startTestRuntime({ EVENTS_TOKEN: TOKEN, SYMBOLS: "AAPL" });
    await post(rt, [
      {
        type: "portfolio.opted_in",
        slug: "gina",
        holdings: [{ symbol: "KO", quantity: 3, avg_price: 100, price: 212.8 }],
        stats: {
          sectors: [
            { sector: "Staples", percent: 70 },
            { sector: "Tech", percent: 30 },
          ],
        },
      },
      { type: "portfolio.opted_in", slug: "hugo", holdings: [{ symbol: "KO", quantity: 0.1, avg_price: 1 }] },
      { type: "portfolio.opted_in", slug: "ivan", holdings: [{ symbol: "KO", quantity: 0.2, avg_price: 1 }] },
    ]);
  });
  afterAll(() => rt.stop());

  test("/api/portfolios/:slug: 3 × 212.8 bought at 100 is 638.4, a gain of 338.4 (not 338.4000000000001)", async () => {
    expect(await json(rt, "/api/portfolios/gina")).toMatchObject({
      total_value: 638.4,
      total_value_usd: 638.4,
      holdings: [{ value: 638.4, value_usd: 638.4, gain: 338.4, gain_percent: 112.8, percentage: 100 }],
      allocations: [{ symbol: "KO", value: 638.4, percentage: 100 }],
    });
  });

  test("/api/portfolios shows the same rounded numbers", async () => {
    const { portfolios } = (await json(rt, "/api/portfolios")) as {
      portfolios: { slug: string; holdings: { gain: number }[] }[];
    };
    expect(portfolios.find((p) => p.slug === "gina")?.holdings[0]?.gain).toBe(338.4);
  });

  test("/api/community: 3 + 0.1 + 0.2 shares are 3.3, sector values in cents", async () => {
    await eventually(
      async () => ((await json(rt, "/api/community")) as { portfolio_count: number }).portfolio_count === 3,
    );
    expect(await json(rt, "/api/community")).toMatchObject({
      popular_stocks: [{ symbol: "KO", holders: 3, total_quantity: 3.3 }],
      sectors: [
        { sector: "Staples", value: 446.88, percent: 70 },
        { sector: "Tech", value: 191.52, percent: 30 },
      ],
    });
  });
});

describe("numbers an older version stored unchecked never show as NaN or Infinity", () => {
  let rt: TestRuntime;
  const insertLegacy = async (databaseUrl: string) => {
    const db = createClient({ url: databaseUrl });
    const holdings = [
      { symbol: "KO", quantity: 1e308, avg_price: 120, price: 62 },
      { symbol: "PEP", quantity: 2, avg_price: 100, price: 150 },
      { symbol: "VALE3", quantity: 1, avg_price: 1, value_in_base: 1e308, value_in_usd: 1e308 },
    ];
    const stats = { yoc: 1e308, currentYield: 1e308, sectors: [{ sector: "Tech", percent: 1e308 }] };
    for (const slug of ["legacy", "legacy-too"]) {
      await db.execute({
        sql: `INSERT INTO portfolios (slug, base_currency, holdings, stats, created_at, updated_at)
              VALUES (?, 'USD', ?, ?, 1, 1)`,
        args: [slug, JSON.stringify(holdings), JSON.stringify(stats)],
      });
    }
    db.close();
  };
  beforeAll(async () => {
    const first = await startTestRuntime();
    await first.stop();
    await insertLegacy(first.databaseUrl);
    rt = await startTestRuntime({ DATABASE_URL: first.databaseUrl });
  });
  afterAll(() => rt.stop());
  const NOT_A_NUMBER = /NaN|Infinity|∞/;

  test("/p/:slug", async () => {
    const html = await (await rt.get("/p/legacy")).text();
    expect(html).toContain("PEP");
    expect(html).not.toMatch(NOT_A_NUMBER);
  });

  test("the dashboard's community section", async () => {
    const html = await (await rt.get("/")).text();
    expect(html).toContain('<section id="community"');
    expect(html).not.toMatch(NOT_A_NUMBER);
  });

  test("the JSON twins carry a finite number in every numeric field (an Infinity would be null)", async () => {
    const p = (await json(rt, "/api/portfolios/legacy")) as PortfolioMetrics;
    const portfolioNumbers = [
      p.total_value,
      p.total_value_usd,
      ...p.holdings.flatMap((h) => [h.value, h.value_usd, h.gain, h.percentage]),
      ...p.allocations.flatMap((a) => [a.value, a.percentage]),
    ];
    expect(portfolioNumbers.filter((n) => !Number.isFinite(n))).toEqual([]);
    const c = (await json(rt, "/api/community")) as CommunityStats;
    const communityNumbers = [
      ...c.popular_stocks.map((s) => s.total_quantity),
      ...c.sectors.flatMap((s) => [s.value, s.percent]),
      c.mean_yield_on_cost,
      c.mean_current_yield,
    ];
    expect(communityNumbers.filter((n) => !Number.isFinite(n))).toEqual([]);
  });
});
