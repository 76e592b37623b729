import * as v from "valibot";

/** The wrong shapes a malformed response can take. */
export const MALFORMED_KINDS = [
  "json",
  "missing-price",
  "string-price",
  "negative-price",
  "extra-fields",
  "not-array",
] as const;
export type MalformedKind = (typeof MALFORMED_KINDS)[number];

/** What the mock API does wrong, settable at start and at run time. */
export interface Faults {
  /** Share of requests answered 503, 0–1. */
  errorRate: number;
  /** Added to every answer. */
  latencyMs: number;
  /** The API port refuses connections. */
  down: boolean;
  /** Every answer is malformed this way, or all are well formed (`false`). */
  malformed: MalformedKind | false;
}

export const NO_FAULTS: Faults = { errorRate: 0, latencyMs: 0, down: false, malformed: false };

/** A partial update of the faults, as posted to `/_faults`. */
export const FaultsPatch = v.partial(
  v.strictObject({
    errorRate: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
    latencyMs: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(600_000)),
    down: v.boolean(),
    malformed: v.union([v.literal(false), v.picklist(MALFORMED_KINDS)]),
  }),
);
