import * as v from "valibot";
import { MAX_PRICE } from "../engine/price-bounds.ts";

/** The most shares one holding may count: far above any real position. */
export const MAX_QUANTITY = 1e12;
/** The largest amount of money one field may carry, either sign (a quadrillion). */
export const MAX_MONEY = 1e15;
/** The highest yield a portfolio may report, in %. */
export const MAX_YIELD_PERCENT = 1000;

const grouped = new Intl.NumberFormat("en-US");

/**
 * A finite number from `min` to `max`, refused with one message naming both bounds. With every
 * input bounded this way, no product or sum a portfolio is valued with can overflow.
 * @example v.parse(boundedNumber(0, 100), 42) // 42
 */
export function boundedNumber(min: number, max: number) {
  const rule = `a number ≥ ${grouped.format(min)} and ≤ ${grouped.format(max)}`;
  return v.pipe(v.number("a number"), v.finite("a finite number"), v.minValue(min, rule), v.maxValue(max, rule));
}

/** A share count. */
export const Quantity = boundedNumber(0, MAX_QUANTITY);
/** A price per share a holding reports (0 allowed: a holding may have cost nothing). */
export const UnitPrice = boundedNumber(0, MAX_PRICE);
/** An amount of money, such as a holding's value in its portfolio's currency. */
export const Money = boundedNumber(-MAX_MONEY, MAX_MONEY);
/** A share of a whole, in %. */
export const Percent = boundedNumber(0, 100);
/** A dividend yield, in %. */
export const YieldPercent = boundedNumber(0, MAX_YIELD_PERCENT);
