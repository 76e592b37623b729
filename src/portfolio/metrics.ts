import type { Holding, PortfolioStats } from "./events.ts";

/** A portfolio as stored: plain data. */
export interface Portfolio {
  slug: string;
  baseCurrency: string;
  holdings: Holding[];
  stats: PortfolioStats | null;
  createdAt: number;
  updatedAt: number;
}

/** The engine's live price of a symbol, when it quotes it. */
export type LivePrice = (symbol: string) => number | undefined;

/** Metrics use the reference implementation's (snake_case) names, as the JSON API shows them. */
export interface HoldingMetrics {
  symbol: string;
  quantity: number;
  avg_price: number;
  /** The price the value was computed with (live, reported, or the average price). */
  price: number;
  live: boolean;
  value: number;
  value_usd: number;
  percentage: number;
  gain: number;
  gain_percent: number | null;
}

export interface PortfolioMetrics {
  slug: string;
  base_currency: string;
  total_value: number;
  total_value_usd: number;
  holding_count: number;
  holdings: HoldingMetrics[];
  /** `{symbol, value, percentage}` sorted by percentage, largest first. */
  allocations: { symbol: string; value: number; percentage: number }[];
  stats: PortfolioStats | null;
  updated_at: number;
}

export const round = (value: number, digits: number): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};
const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

/** The price a holding is valued at: live engine price, else its reported price, else its average price. */
const unitPrice = (h: Holding, live: LivePrice): number => live(h.symbol) ?? h.price ?? h.avg_price ?? 0;

/** `value_in_base` when numeric, else quantity × unit price. */
const valueOf = (h: Holding, live: LivePrice): number => (isNumber(h.value_in_base) ? h.value_in_base : h.quantity * unitPrice(h, live));

/** `value_in_usd` when numeric, else the value. */
const valueUsdOf = (h: Holding, live: LivePrice): number => (isNumber(h.value_in_usd) ? h.value_in_usd : valueOf(h, live));

/**
 * Value a portfolio as the reference implementation does.
 * @example portfolioMetrics(p, (s) => engine.latest(s)?.price).total_value
 */
export function portfolioMetrics(p: Portfolio, live: LivePrice): PortfolioMetrics {
  const values = p.holdings.map((h) => valueOf(h, live));
  const totalValue = values.reduce((a, b) => a + b, 0);
  const totalValueUsd = p.holdings.reduce((sum, h) => sum + valueUsdOf(h, live), 0);
  const percentOf = (value: number) => (totalValue > 0 ? round((value / totalValue) * 100, 2) : 0);
  const holdings = p.holdings.map((h, i): HoldingMetrics => {
    const value = values[i] ?? 0;
    const cost = h.quantity * h.avg_price;
    return {
      symbol: h.symbol,
      quantity: h.quantity,
      avg_price: h.avg_price,
      price: unitPrice(h, live),
      live: live(h.symbol) !== undefined,
      value,
      value_usd: valueUsdOf(h, live),
      percentage: percentOf(value),
      gain: value - cost,
      gain_percent: cost > 0 ? round(((value - cost) / cost) * 100, 2) : null,
    };
  });
  const allocations = holdings
    .map(({ symbol, value, percentage }) => ({ symbol, value, percentage }))
    .sort((a, b) => b.percentage - a.percentage);
  return {
    slug: p.slug,
    base_currency: p.baseCurrency,
    total_value: totalValue,
    total_value_usd: totalValueUsd,
    holding_count: p.holdings.length,
    holdings,
    allocations,
    stats: p.stats,
    updated_at: p.updatedAt,
  };
}
