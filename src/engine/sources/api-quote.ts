import * as v from "valibot";
import { Price } from "../price-bounds.ts";
import { type Quote, roundCents } from "../tick.ts";

/** One item of the external price API: `{symbol, price, timestamp}`; extra fields are ignored. */
const ApiQuote = v.object({
  symbol: v.pipe(v.string(), v.regex(/^[A-Z][A-Z0-9.]{0,11}$/)),
  price: Price,
  timestamp: v.pipe(v.string(), v.isoTimestamp()),
});

export interface ParsedQuotes {
  quotes: Quote[];
  /** Items that were not valid quotes: dropped, never published. */
  dropped: number;
}

/** The body is not what the API promises at all (not JSON, not a list or a quote). */
export class MalformedResponseError extends Error {}

/**
 * Validate a response body item by item: good quotes are kept, bad ones counted.
 * @example parseQuotes('[{"symbol":"AAPL","price":150.1,"timestamp":"2026-11-22T10:00:00Z"}]')
 */
export function parseQuotes(text: string): ParsedQuotes {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new MalformedResponseError(`the price API answered invalid JSON: ${text.slice(0, 80)}`);
  }
  const items = Array.isArray(body)
    ? body
    : typeof body === "object" && body !== null && "symbol" in body
      ? [body]
      : undefined;
  if (!items) throw new MalformedResponseError("the price API answered neither a list of quotes nor a quote");
  const quotes: Quote[] = [];
  for (const item of items) {
    const parsed = v.safeParse(ApiQuote, item);
    if (parsed.success)
      quotes.push({
        symbol: parsed.output.symbol,
        price: roundCents(parsed.output.price),
        ts: Date.parse(parsed.output.timestamp),
      });
  }
  return { quotes, dropped: items.length - quotes.length };
}
