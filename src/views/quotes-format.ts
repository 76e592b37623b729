/** Display helpers of the quote pages: counts, sizes, markets. */

const whole = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** `1,291,300`. */
export const formatCount = (value: number): string => whole.format(value);

/** `136 KB`, `1.2 GB`. */
export function formatBytes(bytes: number): string {
  const units = ["bytes", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 || value >= 10 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

const MARKETS: Record<number, string> = {
  10: "cash",
  12: "exercise (call)",
  13: "exercise (put)",
  17: "auction",
  20: "odd lot",
  30: "term",
  50: "forward (gain)",
  60: "forward (continuous)",
  70: "call options",
  80: "put options",
};

/** TPMERC as a word: `10` → `cash`. */
export const marketName = (market: number): string => MARKETS[market] ?? `market ${String(market).padStart(3, "0")}`;

/** `2003-02-12T…` from epoch ms, to the second, UTC. */
export const formatDateTime = (ts: number): string => new Date(ts).toISOString().slice(0, 19).replace("T", " ");
