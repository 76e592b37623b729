import { describe, expect, test } from "bun:test";
import { MalformedResponseError, parsePrices } from "../../src/engine/sources/api-prices.ts";

const good = { symbol: "AAPL", price: 150.123, timestamp: "2026-11-22T10:00:00.000Z" };

describe("external price API responses", () => {
  test("a list of prices becomes price points, prices rounded to cents, timestamps parsed", () => {
    expect(parsePrices(JSON.stringify([good]))).toEqual({
      points: [{ symbol: "AAPL", price: 150.12, ts: Date.parse(good.timestamp) }],
      dropped: 0,
    });
  });

  test("a single quote (the per-symbol endpoint) is accepted", () => {
    expect(parsePrices(JSON.stringify(good)).points).toHaveLength(1);
  });

  test("unknown extra fields are ignored, the quote kept", () => {
    expect(parsePrices(JSON.stringify([{ ...good, exchange: "X", currency: "USD" }]))).toMatchObject({ dropped: 0 });
  });

  test.each([
    ["missing price", { symbol: "AAPL", timestamp: good.timestamp }],
    ["price as string", { ...good, price: "150.12" }],
    ["negative price", { ...good, price: -150 }],
    ["zero price", { ...good, price: 0 }],
    ["bad timestamp", { ...good, timestamp: "yesterday" }],
    ["lower-case symbol", { ...good, symbol: "aapl" }],
    ["not an object", 42],
  ])("an item with %s is dropped and counted, the others kept", (_, bad) => {
    expect(parsePrices(JSON.stringify([good, bad, good]))).toMatchObject({
      dropped: 1,
      points: [{ symbol: "AAPL" }, { symbol: "AAPL" }],
    });
  });

  test.each([
    ["invalid JSON", '[{"symbol": "AAPL", "price": 1'],
    ["neither list nor quote", '{"data": []}'],
    ["a bare number", "12"],
  ])("%s fails the whole response", (_, body) => {
    expect(() => parsePrices(body)).toThrow(MalformedResponseError);
  });
});
