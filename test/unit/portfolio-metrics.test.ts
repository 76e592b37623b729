import { describe, expect, test } from "bun:test";
import { communityStats } from "../../src/portfolio/community.ts";
import type { Holding } from "../../src/portfolio/events.ts";
import { type LivePrice, type Portfolio, portfolioMetrics } from "../../src/portfolio/metrics.ts";

const noLive: LivePrice = () => undefined;
const portfolio = (slug: string, holdings: Holding[], extra: Partial<Portfolio> = {}): Portfolio => ({
  slug,
  baseCurrency: "USD",
  holdings,
  stats: null,
  createdAt: 1,
  updatedAt: 1,
  ...extra,
});

describe("portfolio metrics (the reference examples, for symbols the engine does not quote)", () => {
  test("10 × 150 + 5 × 300 is worth 3000, the first holding 50 %", () => {
    const m = portfolioMetrics(
      portfolio("a", [
        { symbol: "KO", quantity: 10, avg_price: 100, price: 150 },
        { symbol: "PEP", quantity: 5, avg_price: 100, price: 300 },
      ]),
      noLive,
    );
    expect(m.total_value).toBe(3000);
    expect(m.total_value_usd).toBe(3000);
    expect(m.holding_count).toBe(2);
    expect(m.allocations[0]).toEqual({ symbol: "KO", value: 1500, percentage: 50 });
  });

  test("KO 10 @ 200 and PEP 10 @ 100 are 66.67 % and 33.33 %, largest first", () => {
    const m = portfolioMetrics(
      portfolio("b", [
        { symbol: "PEP", quantity: 10, avg_price: 90, price: 100 },
        { symbol: "KO", quantity: 10, avg_price: 90, price: 200 },
      ]),
      noLive,
    );
    expect(m.allocations.map((a) => [a.symbol, a.percentage])).toEqual([
      ["KO", 66.67],
      ["PEP", 33.33],
    ]);
  });

  test("without a price, the average price values the holding", () => {
    const m = portfolioMetrics(portfolio("c", [{ symbol: "KO", quantity: 4, avg_price: 55.5 }]), noLive);
    expect(m.total_value).toBe(222);
    expect(m.holdings[0]).toMatchObject({ price: 55.5, gain: 0, gain_percent: 0, live: false });
  });

  test("a live engine price wins over the reported price, and the gain follows it", () => {
    const live: LivePrice = (s) => (s === "AAPL" ? 200 : undefined);
    const m = portfolioMetrics(portfolio("d", [{ symbol: "AAPL", quantity: 2, avg_price: 150, price: 180 }]), live);
    expect(m.total_value).toBe(400);
    expect(m.holdings[0]).toMatchObject({ price: 200, live: true, gain: 100, gain_percent: 33.33 });
  });

  test("value_in_base and value_in_usd win when numeric (v2 holdings)", () => {
    const m = portfolioMetrics(
      portfolio(
        "e",
        [
          {
            symbol: "PETR4",
            currency: "BRL",
            quantity: 100,
            avg_price: 30,
            price: 38,
            value_in_base: 3800,
            value_in_usd: 700,
          },
          { symbol: "KO", quantity: 1, avg_price: 60, price: 70 },
        ],
        { baseCurrency: "BRL" },
      ),
      noLive,
    );
    expect(m.total_value).toBe(3870);
    expect(m.total_value_usd).toBe(770);
  });

  test("allocations are 0 % when the total is not positive", () => {
    const m = portfolioMetrics(portfolio("f", [{ symbol: "KO", quantity: 0, avg_price: 10 }]), noLive);
    expect(m.allocations).toEqual([{ symbol: "KO", value: 0, percentage: 0 }]);
  });
});

describe("portfolio metrics never pass on NaN or Infinity", () => {
  const nonFinite = (numbers: (number | null)[]) => numbers.filter((n) => n !== null && !Number.isFinite(n));

  test("a holding stored before inputs were bounded (1e308 shares) counts as 0; the others add up", () => {
    const m = portfolioMetrics(
      portfolio("g", [
        { symbol: "KO", quantity: 1e308, avg_price: 120, price: 62 },
        { symbol: "PEP", quantity: 2, avg_price: 100, price: 150 },
      ]),
      noLive,
    );
    expect(m.total_value).toBe(300);
    expect(m.holdings.map((h) => [h.value, h.gain, h.gain_percent, h.percentage])).toEqual([
      [0, 0, null, 0],
      [300, 100, 50, 100],
    ]);
  });

  test("a gain over a cost of almost nothing is no percentage rather than Infinity", () => {
    const m = portfolioMetrics(
      portfolio("h", [{ symbol: "KO", quantity: 5e-324, avg_price: 1, value_in_base: 1e15 }]),
      noLive,
    );
    expect(m.holdings[0]!.gain_percent).toBeNull();
    expect(nonFinite([m.total_value, m.total_value_usd, m.holdings[0]!.gain, m.holdings[0]!.percentage])).toEqual([]);
  });

  test("two values that overflow when added give a total of 0, not Infinity", () => {
    const m = portfolioMetrics(
      portfolio("i", [
        { symbol: "A", quantity: 1, avg_price: 1, value_in_base: 1e308, value_in_usd: 1e308 },
        { symbol: "B", quantity: 1, avg_price: 1, value_in_base: 1e308, value_in_usd: 1e308 },
      ]),
      noLive,
    );
    expect([m.total_value, m.total_value_usd]).toEqual([0, 0]);
    const numbers = m.holdings.flatMap((h) => [h.value, h.value_usd, h.gain, h.gain_percent, h.percentage]);
    expect(nonFinite(numbers)).toEqual([]);
  });
});

describe("community statistics", () => {
  const kp = (slug: string, quantity: number, price: number, stats: Portfolio["stats"] = null, updatedAt = 1) =>
    portfolioMetrics(
      portfolio(slug, [{ symbol: "KO", quantity, avg_price: price, price }], { stats, updatedAt }),
      noLive,
    );

  test("the total value shows only with more than 5 portfolios worth over 100,000", () => {
    const five = [1, 2, 3, 4, 5].map((i) => kp(`p${i}`, 1000, 100));
    expect(communityStats(five, new Map()).total_value_usd).toBeNull();
    const six = [...five, kp("p6", 1, 0.005)];
    expect(communityStats(six, new Map()).total_value_usd).toBe(500000.01);
    const poor = [1, 2, 3, 4, 5, 6].map((i) => kp(`q${i}`, 1, 100));
    expect(communityStats(poor, new Map()).total_value_usd).toBeNull();
  });

  test("counts portfolios and holding rows; popular stocks by holders with total quantity", () => {
    const stats = communityStats(
      [
        portfolioMetrics(
          portfolio("a", [
            { symbol: "KO", quantity: 1, avg_price: 1 },
            { symbol: "PEP", quantity: 2, avg_price: 1 },
          ]),
          noLive,
        ),
        portfolioMetrics(portfolio("b", [{ symbol: "KO", quantity: 3, avg_price: 1 }]), noLive),
      ],
      new Map(),
    );
    expect([stats.portfolio_count, stats.holding_rows]).toEqual([2, 3]);
    expect(stats.popular_stocks).toEqual([
      { symbol: "KO", holders: 2, total_quantity: 4 },
      { symbol: "PEP", holders: 1, total_quantity: 2 },
    ]);
  });

  test("trending is the top 5 by visits this week", () => {
    const all = ["a", "b", "c", "d", "e", "f"].map((s) => kp(s, 1, 1));
    const visits = new Map([
      ["a", 1],
      ["b", 9],
      ["c", 3],
      ["d", 3],
      ["e", 2],
      ["f", 5],
    ]);
    expect(communityStats(all, visits).trending.map((t) => t.slug)).toEqual(["b", "f", "c", "d", "e"]);
  });

  test("the sector mix is weighted by each portfolio's USD value, unknown sectors named 'Unknown'", () => {
    const stats = communityStats(
      [
        kp("a", 1, 300, { sectors: [{ sector: "Tech", percent: 100 }] }),
        kp("b", 1, 100, {
          sectors: [
            { sector: "Energy", percent: 50 },
            { sector: "", percent: 50 },
          ],
        }),
      ],
      new Map(),
    );
    expect(stats.sectors.map((s) => [s.sector, s.percent])).toEqual([
      ["Tech", 75],
      ["Energy", 12.5],
      ["Unknown", 12.5],
    ]);
  });

  test("a sum of shares shows as shares are shown (0.1 + 0.2 is 0.3)", () => {
    const stats = communityStats([kp("a", 0.1, 1), kp("b", 0.2, 1)], new Map());
    expect(stats.popular_stocks[0]!.total_quantity).toBe(0.3);
  });

  test("the mean of two yields near the largest number does not overflow", () => {
    const stats = communityStats([kp("a", 1, 1, { yoc: 1e308 }), kp("b", 1, 1, { yoc: 1e308 })], new Map());
    expect(stats.mean_yield_on_cost).toBe(1e308);
  });

  test("mean yields over the portfolios that report them, rounded to 2; null when none", () => {
    const stats = communityStats(
      [kp("a", 1, 1, { yoc: 4, currentYield: 3.333 }), kp("b", 1, 1, { yoc: 5 }), kp("c", 1, 1)],
      new Map(),
    );
    expect([stats.mean_yield_on_cost, stats.mean_current_yield]).toEqual([4.5, 3.33]);
    expect(communityStats([kp("x", 1, 1)], new Map()).mean_yield_on_cost).toBeNull();
  });
});
