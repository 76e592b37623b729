import type { PortfolioMetrics } from "./metrics.ts";
import { cents, finiteOr, mean, percentOf, round, sum } from "./numbers.ts";

/** Community statistics, with the reference implementation's (snake_case) names. */
export interface CommunityStats {
  portfolio_count: number;
  holding_rows: number;
  /** Total value in USD, rounded to cents; null ("Available soon") until there are more than 5 portfolios worth over 100,000. */
  total_value_usd: number | null;
  /** `total_quantity` is rounded to 6 decimals, as shares are shown. */
  popular_stocks: { symbol: string; holders: number; total_quantity: number }[];
  trending: { slug: string; visits: number }[];
  latest: { slug: string; updated_at: number }[];
  /** Values in USD, rounded to cents; percents rounded to 1. */
  sectors: { sector: string; value: number; percent: number }[];
  /** Means over the portfolios that report them, rounded to 2; null ("—") when none do. */
  mean_yield_on_cost: number | null;
  mean_current_yield: number | null;
}

const SHOW_TOTAL_MIN_PORTFOLIOS = 5;
const SHOW_TOTAL_MIN_VALUE = 100_000;
/** A total number of shares, rounded as shares are shown (0 if it overflowed). */
const shares = (quantity: number): number => round(finiteOr(quantity, 0), 6);
const meanYield = (values: number[]): number | null => {
  const value = mean(values);
  return value === null ? null : round(value, 2);
};
const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

/**
 * Aggregate every public portfolio. `visits` are this ISO week's visits per slug (one per visitor per day).
 * @example communityStats(book.all().map((p) => portfolioMetrics(p, live)), visits)
 */
export function communityStats(portfolios: PortfolioMetrics[], visits: ReadonlyMap<string, number>): CommunityStats {
  const total = sum(portfolios.map((p) => p.total_value_usd));

  const holders = new Map<string, { holders: number; total_quantity: number }>();
  for (const p of portfolios) {
    for (const symbol of new Set(p.holdings.map((h) => h.symbol))) {
      const entry = holders.get(symbol) ?? { holders: 0, total_quantity: 0 };
      entry.holders++;
      holders.set(symbol, entry);
    }
    for (const h of p.holdings) {
      const entry = holders.get(h.symbol);
      if (entry) entry.total_quantity += h.quantity;
    }
  }

  const sectorValues = new Map<string, number>();
  for (const p of portfolios) {
    for (const s of p.stats?.sectors ?? []) {
      const sector = s.sector?.trim() || "Unknown";
      const value = finiteOr((p.total_value_usd * s.percent) / 100, 0);
      sectorValues.set(sector, sum([sectorValues.get(sector) ?? 0, value]));
    }
  }
  const sectorTotal = sum([...sectorValues.values()]);

  return {
    portfolio_count: portfolios.length,
    holding_rows: portfolios.reduce((n, p) => n + p.holding_count, 0),
    total_value_usd:
      portfolios.length > SHOW_TOTAL_MIN_PORTFOLIOS && total > SHOW_TOTAL_MIN_VALUE ? cents(total) : null,
    popular_stocks: [...holders]
      .map(([symbol, h]) => ({ symbol, holders: h.holders, total_quantity: shares(h.total_quantity) }))
      .sort((a, b) => b.holders - a.holders || b.total_quantity - a.total_quantity || a.symbol.localeCompare(b.symbol))
      .slice(0, 10),
    trending: portfolios
      .map((p) => ({ slug: p.slug, visits: visits.get(p.slug) ?? 0 }))
      .filter((t) => t.visits > 0)
      .sort((a, b) => b.visits - a.visits || a.slug.localeCompare(b.slug))
      .slice(0, 5),
    latest: portfolios
      .map((p) => ({ slug: p.slug, updated_at: p.updated_at }))
      .sort((a, b) => b.updated_at - a.updated_at || a.slug.localeCompare(b.slug))
      .slice(0, 5),
    sectors: [...sectorValues]
      .map(([sector, value]) => ({ sector, value: cents(value), percent: percentOf(value, sectorTotal, 1) }))
      .sort((a, b) => b.value - a.value || a.sector.localeCompare(b.sector)),
    mean_yield_on_cost: meanYield(portfolios.map((p) => p.stats?.yoc).filter(isNumber)),
    mean_current_yield: meanYield(portfolios.map((p) => p.stats?.currentYield).filter(isNumber)),
  };
}
