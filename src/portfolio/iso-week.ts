/**
 * The ISO-8601 week of a moment, in UTC: weeks start on Monday, week 1 holds the year's first Thursday.
 * @example isoWeek(Date.UTC(2026, 0, 1)) // "2026-W01"
 */
export function isoWeek(ts: number): string {
  const date = new Date(ts);
  const day = (date.getUTCDay() + 6) % 7;
  const thursday = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - day + 3);
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.ceil(((thursday - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, "0")}`;
}
