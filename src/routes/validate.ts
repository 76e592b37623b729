import * as v from "valibot";
import { HttpError } from "./http-error.ts";

/**
 * Parse `input` with `schema` or throw a 400 naming the parameter and the rule.
 * @example const { limit } = parseOr400(HistoryQuery, c.req.query());
 */
export function parseOr400<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const name = issue.path?.map((p) => String(p.key)).join(".") ?? "input";
  throw new HttpError(400, "invalid_parameter", `${name}: ${issue.message}`);
}

/** A symbol as typed by a person: trimmed and upper-cased. */
export const SymbolText = v.pipe(v.string(), v.trim(), v.toUpperCase());

/** `?symbols=AAPL,MSFT`: a list of upper-cased symbols, empty meaning all. */
export const SymbolList = v.pipe(
  v.optional(v.string(), ""),
  v.transform((text) => [
    ...new Set(
      text
        .split(",")
        .map((s) => s.trim().toUpperCase())
        .filter(Boolean),
    ),
  ]),
);

/**
 * `?limit=`: a whole number from 1 to `max`, `fallback` when absent; anything else is refused naming the rule.
 * @example v.object({ limit: Limit(1000, 100) })
 */
export function Limit(max: number, fallback: number) {
  const rule = `must be an integer from 1 to ${max}`;
  return v.pipe(
    v.optional(v.string(), String(fallback)),
    v.regex(new RegExp(`^\\d{1,${String(max).length}}$`), rule),
    v.transform(Number),
    v.minValue(1, rule),
    v.maxValue(max, rule),
  );
}

const MOMENT_RULE = "an ISO-8601 date or time (2026-12-01, 2026-12-01T10:00:00Z) or epoch milliseconds";

/**
 * A moment given as ISO-8601 or as epoch milliseconds, as ms; absent: `fallback`.
 * @example v.parse(Moment(0), "2026-12-01T00:00:00Z") // 1796083200000
 */
export function Moment(fallback: () => number) {
  return v.pipe(
    v.optional(v.string(), ""),
    v.transform((text) => (text === "" ? fallback() : /^\d{1,15}$/.test(text) ? Number(text) : Date.parse(text))),
    v.check((ms) => Number.isFinite(ms), MOMENT_RULE),
  );
}
