import * as v from "valibot";

/** The highest price any source may quote: far above any listed share, far below where float arithmetic breaks. */
export const MAX_PRICE = 1_000_000_000;
/** The lowest price a tick can carry (one cent). */
export const MIN_PRICE = 0.01;

/**
 * A quotable price: finite, from one cent to `MAX_PRICE`. Every entry (events, price API,
 * upstream relay) checks it, so no tick the writer cannot store is ever numbered.
 * @example v.parse(Price, 201.5) // 201.5
 */
export const Price = v.pipe(
  v.number("a number"),
  v.finite("a finite number"),
  v.minValue(MIN_PRICE, `a price from ${MIN_PRICE} to ${MAX_PRICE}`),
  v.maxValue(MAX_PRICE, `a price from ${MIN_PRICE} to ${MAX_PRICE}`),
);

/** Whether `price` passes `Price`, for plain data already inside the engine. */
export const isQuotablePrice = (price: number): boolean =>
  Number.isFinite(price) && price >= MIN_PRICE && price <= MAX_PRICE;
