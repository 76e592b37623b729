/** Plain-text output of the bench: aligned tables and number formats. */

const grouped = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A whole count or rate with thousands separators: `12,345`. */
export const whole = (n: number): string => grouped.format(n);

/** `value` as a multiple of `baseline`: `12.3×`, or two significant digits below 1: `0.034×`. */
export function times(value: number, baseline: number): string {
  const ratio = value / baseline;
  return `${ratio < 1 ? ratio.toPrecision(2) : decimal.format(ratio)}×`;
}

/** Milliseconds with two decimals, or `–` when not measured. */
export const millis = (ms: number | undefined): string => (ms === undefined ? "–" : `${ms.toFixed(2)} ms`);

/** Bytes as MB with one decimal. */
export const megabytes = (bytes: number): string => `${decimal.format(bytes / 1024 / 1024)} MB`;

/** A percentage with no decimals. */
export const percent = (fraction: number): string => `${Math.round(fraction * 100)}%`;

/**
 * Print a titled table: the first column left-aligned, the others right-aligned,
 * then any notes underneath.
 */
export function printTable(title: string, headers: string[], rows: string[][], notes: string[] = []): void {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  console.log(`\n${title}`);
  console.log(line(headers));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(line(row));
  for (const note of notes) console.log(`  ${note}`);
}
