const checked = new Map<string, string | null>();
const CACHE_LIMIT = 20_000;

/**
 * `20030212` → `2003-02-12`, or null when it is not a calendar date.
 * Files repeat the same few dates on every line, so answers are cached.
 */
export function isoDate(digits: string): string | null {
  let date = checked.get(digits);
  if (date !== undefined) return date;
  date = isoOf(`${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`);
  if (checked.size >= CACHE_LIMIT) checked.clear();
  checked.set(digits, date);
  return date;
}

/** `2003-02-12` if it is a real calendar date (1900–9999), else null. */
export function isoOf(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  const real = year >= 1900 && d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
  return real ? text : null;
}
