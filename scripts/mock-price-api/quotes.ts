import type { MalformedKind } from "./faults.ts";

/** Price range of each symbol: a uniform price in it per request. */
export type Ranges = Record<string, readonly [number, number]>;

export const DEFAULT_RANGES: Ranges = {
  AAPL: [145, 155],
  GOOGL: [2700, 2800],
  MSFT: [305, 320],
  TSLA: [240, 260],
  AMZN: [180, 200],
  NFLX: [450, 550],
};

export interface ApiPriceItem {
  symbol: string;
  price: number;
  timestamp: string;
}

/** A fresh price for `symbol`, rounded to cents. */
export function quote(symbol: string, [low, high]: readonly [number, number], now = new Date()): ApiPriceItem {
  return { symbol, price: Math.round((low + Math.random() * (high - low)) * 100) / 100, timestamp: now.toISOString() };
}

/** The response body for quotes, well formed or broken the way `malformed` says. */
export function body(quotes: ApiPriceItem | ApiPriceItem[], malformed: MalformedKind | false): string {
  const list = Array.isArray(quotes) ? quotes : [quotes];
  const broken = (q: ApiPriceItem): unknown => {
    switch (malformed) {
      case "missing-price":
        return { symbol: q.symbol, timestamp: q.timestamp };
      case "string-price":
        return { ...q, price: String(q.price) };
      case "negative-price":
        return { ...q, price: -q.price };
      case "extra-fields":
        return { ...q, exchange: "MOCK", currency: "USD" };
      default:
        return q;
    }
  };
  if (malformed === "json") return '[{"symbol": "AAPL", "price": 1';
  if (malformed === "not-array") return JSON.stringify({ data: list });
  const items = list.map(broken);
  return JSON.stringify(Array.isArray(quotes) ? items : items[0]);
}
