import type { Holding, PortfolioStats } from "./events.ts";
import { cents, finiteOr, percentOf, round, sum } from "./numbers.ts";

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

/**
 * Metrics use the reference implementation's (snake_case) names, as the JSON API shows them.
 * Money is rounded to cents and percentages to 2 decimals; a value that is not a finite number
 * (only data stored before inputs were bounded can overflow) counts as 0.
 */
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

const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

/** The price a holding is valued at: live engine price, else its reported price, else its average price. */
const unitPrice = (h: Holding, live: LivePrice): number => live(h.symbol) ?? h.price ?? h.avg_price ?? 0;

/** `value_in_base` when numeric, else quantity × unit price. */
const baseValueOf = (h: Holding, live: LivePrice): number =>
  finiteOr(isNumber(h.value_in_base) ? h.value_in_base : h.quantity * unitPrice(h, live), 0);

/** `value_in_usd` when numeric, else the value. */
const usdValueOf = (h: Holding, live: LivePrice): number =>
  isNumber(h.value_in_usd) ? h.value_in_usd : baseValueOf(h, live);

/**
 * Value a portfolio as the reference implementation does.
 * @example portfolioMetrics(p, market.price).total_value
 */
export function portfolioMetrics(p: Portfolio, live: LivePrice): PortfolioMetrics {
  const values = p.holdings.map((h) => baseValueOf(h, live));
  const totalValue = sum(values);
  const usdValues = p.holdings.map((h) => usdValueOf(h, live));
  const holdings = p.holdings.map((h, i): HoldingMetrics => {
    const value = values[i] ?? 0;
    const cost = finiteOr(h.quantity * h.avg_price, 0);
    return {
      symbol: h.symbol,
      quantity: h.quantity,
      avg_price: h.avg_price,
      price: unitPrice(h, live),
      live: live(h.symbol) !== undefined,
      value: cents(value),
      value_usd: cents(usdValues[i] ?? 0),
      percentage: percentOf(value, totalValue, 2),
      gain: cents(finiteOr(value - cost, 0)),
      gain_percent: cost > 0 ? finiteOr(round(((value - cost) / cost) * 100, 2), null) : null,
    };
  });
  const allocations = holdings
    .map(({ symbol, value, percentage }) => ({ symbol, value, percentage }))
    .sort((a, b) => b.percentage - a.percentage);
  return {
    slug: p.slug,
    base_currency: p.baseCurrency,
    total_value: cents(totalValue),
    total_value_usd: cents(sum(usdValues)),
    holding_count: p.holdings.length,
    holdings,
    allocations,
    stats: p.stats,
    updated_at: p.updatedAt,
  };
}
