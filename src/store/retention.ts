/** How long raw ticks are kept: as configured, and in ms (0 keeps every tick). */
export interface Retention {
  setting: string;
  ms: number;
}

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `0`, or a whole number of seconds, minutes, hours or days (up to 7 digits). */
export const RETENTION_PATTERN = /^(0|[1-9]\d{0,6}[smhd])$/;
export const RETENTION_RULE = "0 (keep every tick) or a whole number with s, m, h or d (90s, 15m, 12h, 7d)";

/**
 * A retention setting matching RETENTION_PATTERN, with its length.
 * @example parseRetention("12h") // { setting: "12h", ms: 43_200_000 }
 */
export function parseRetention(setting: string): Retention {
  if (setting === "0") return { setting, ms: 0 };
  const unit = setting.at(-1) as keyof typeof UNIT_MS;
  return { setting, ms: Number(setting.slice(0, -1)) * UNIT_MS[unit] };
}
