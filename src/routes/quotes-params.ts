import * as v from "valibot";
import { isoOf } from "../b3/dates.ts";
import type { DailyQuoteKey } from "../b3/quote-queries.ts";
import { Limit } from "./validate.ts";

/** A B3 ticker as typed: trimmed, upper-cased, letters and digits. */
export const TickerText = v.pipe(
  v.string(),
  v.trim(),
  v.toUpperCase(),
  v.regex(/^[A-Z0-9]{1,12}$/, "must be a B3 ticker (letters and digits, up to 12, like PETR4)"),
);

export const IsoDate = v.pipe(
  v.string(),
  v.check((text) => isoOf(text) !== null, "must be a date YYYY-MM-DD"),
);

export const encodeCursor = (key: DailyQuoteKey): string =>
  Buffer.from(JSON.stringify([key.date, key.ticker, key.market, key.term])).toString("base64url");

/** What `encodeCursor` writes: a quote's identity as stored (CODNEG trimmed, TPMERC, PRAZOT trimmed). */
const CursorValues = v.strictTuple([
  IsoDate,
  v.pipe(v.string(), v.minLength(1), v.maxLength(12)),
  v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(999)),
  v.pipe(v.string(), v.regex(/^[\d ]{0,3}$/)),
]);

function decodeCursor(text: string): DailyQuoteKey | undefined {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  const parsed = v.safeParse(CursorValues, values);
  if (!parsed.success) return undefined;
  const [date, ticker, market, term] = parsed.output;
  return { date, ticker, market, term };
}

/** `?ticker=&from=&to=`: which quotes, every one when absent. */
const QuoteFilter = { ticker: v.optional(TickerText), from: v.optional(IsoDate), to: v.optional(IsoDate) };

/** Dates in order, or one missing: what `to` is checked against. */
const inOrder = (q: { from?: string; to?: string }) => q.from === undefined || q.to === undefined || q.from <= q.to;
const TO_BEFORE_FROM = "must not be before from";

/** `GET /api/quotes?ticker=&from=&to=&market=&limit=&cursor=`. */
export const QuotesQuery = v.pipe(
  v.object({
    ...QuoteFilter,
    market: v.optional(
      v.pipe(v.string(), v.regex(/^\d{1,3}$/, "must be a market code (TPMERC), like 10 or 010"), v.transform(Number)),
    ),
    limit: Limit(1000, 100),
    cursor: v.optional(
      v.pipe(
        v.string(),
        v.check(
          (text) => decodeCursor(text) !== undefined,
          "is not a cursor from a previous page (use nextCursor as it was given)",
        ),
        v.transform((text) => decodeCursor(text) as DailyQuoteKey),
      ),
    ),
  }),
  v.forward(
    v.check((q) => inOrder(q), TO_BEFORE_FROM),
    ["to"],
  ),
);

/** `GET /api/quotes.csv?ticker=&from=&to=`: the dates included. */
export const QuotesExportQuery = v.pipe(
  v.object(QuoteFilter),
  v.forward(
    v.check((q) => inOrder(q), TO_BEFORE_FROM),
    ["to"],
  ),
);

/** `GET /api/quotes/:ticker/summary?start_date=YYYY-MM-DD` (all history without it). */
export const SummaryQuery = v.object({ start_date: v.optional(IsoDate) });

/** `:ticker` in a path. */
export const TickerParam = v.object({ ticker: TickerText });

/** `GET /api/imports/:id`. */
export const ImportIdParam = v.object({
  id: v.pipe(v.string(), v.regex(/^\d{1,15}$/, "must be an import id (a whole number)"), v.transform(Number)),
});
