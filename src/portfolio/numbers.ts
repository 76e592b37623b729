/**
 * `value` rounded to `digits` decimals (a number too large to have any is kept as it is).
 * @example round(338.4000000000001, 2) // 338.4
 */
export const round = (value: number, digits: number): number => {
  const factor = 10 ** digits;
  const scaled = value * factor;
  return Number.isFinite(scaled) ? Math.round(scaled) / factor : value;
};

/** Money as shown: rounded to cents. */
export const cents = (value: number): number => round(value, 2);

/**
 * `value` when it is a finite number, else `fallback`: a result that overflowed (or divided by
 * almost nothing) is never passed on as NaN or Infinity.
 * @example finiteOr(1e308 * 10, 0) // 0
 */
export const finiteOr = <T>(value: number, fallback: T): number | T => (Number.isFinite(value) ? value : fallback);

/** `part` as a percentage of `whole`, rounded to `digits`; 0 when `whole` is not positive. */
export const percentOf = (part: number, whole: number, digits: number): number =>
  whole > 0 ? finiteOr(round((part / whole) * 100, digits), 0) : 0;

/** The sum of `values`, 0 if it overflows. */
export const sum = (values: readonly number[]): number =>
  finiteOr(
    values.reduce((a, b) => a + b, 0),
    0,
  );

/** The mean of `values` (summed as fractions, so it cannot overflow), null when there are none. */
export const mean = (values: readonly number[]): number | null =>
  values.length ? values.reduce((total, value) => total + value / values.length, 0) : null;
