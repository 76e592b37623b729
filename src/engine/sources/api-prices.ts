import * as v from "valibot";
import { Price } from "../price-bounds.ts";
import { QuotedSymbol } from "../symbols.ts";
import { type PricePoint, roundCents } from "../tick.ts";

/** One item of the external price API: `{symbol, price, timestamp}`; extra fields are ignored. */
const ApiPriceItem = v.object({
  symbol: QuotedSymbol,
  price: Price,
  timestamp: v.pipe(v.string(), v.isoTimestamp()),
});

export interface ParsedPrices {
  points: PricePoint[];
  /** Items that were not valid prices: dropped, never published. */
  dropped: number;
}

/** The body is not what the API promises at all (not JSON, not a list or a price). */
export class MalformedResponseError extends Error {}

/**
 * Validate a response body item by item: good price points are kept, bad ones counted.
 * @example parsePrices('[{"symbol":"AAPL","price":150.1,"timestamp":"2026-11-22T10:00:00Z"}]')
 */
export function parsePrices(text: string): ParsedPrices {
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
  if (!items) throw new MalformedResponseError("the price API answered neither a list of prices nor a price");
  const points: PricePoint[] = [];
  for (const item of items) {
    const parsed = v.safeParse(ApiPriceItem, item);
    if (parsed.success)
      points.push({
        symbol: parsed.output.symbol,
        price: roundCents(parsed.output.price),
        ts: Date.parse(parsed.output.timestamp),
      });
  }
  return { points, dropped: items.length - points.length };
}
