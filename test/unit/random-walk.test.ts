import { describe, expect, test } from "bun:test";
import { MAX_PRICE, MIN_PRICE } from "../../src/engine/price-bounds.ts";
import { seededRandom } from "../../src/engine/random.ts";
import { RandomWalkSource, walkStep } from "../../src/engine/random-walk.ts";

const STEPS = 5000;

function walk(start: number, upProbability: number, maxChangePercent: number, seed = 7): number[] {
  const random = seededRandom(seed);
  const prices = [start];
  for (let i = 0; i < STEPS; i++) prices.push(walkStep(prices.at(-1)!, { upProbability, maxChangePercent }, random));
  return prices;
}

const pairs = (prices: number[]) => prices.slice(1).map((next, i) => [prices[i]!, next] as const);
const hasAtMostTwoDecimals = (p: number) => Math.round(p * 100) / 100 === p;

describe("random walk", () => {
  test("with P(up) = 1 it never goes down", () => {
    for (const [prev, next] of pairs(walk(150, 1, 2))) expect(next).toBeGreaterThanOrEqual(prev);
  });

  test("with P(up) = 0 it never goes up", () => {
    for (const [prev, next] of pairs(walk(150, 0, 2))) expect(next).toBeLessThanOrEqual(prev);
  });

  test("with max change 0 it never moves", () => {
    expect(new Set(walk(312.45, 0.5, 0))).toEqual(new Set([312.45]));
  });

  test("every step stays within ±max % (plus half a cent of rounding)", () => {
    for (const [prev, next] of pairs(walk(2750, 0.5, 2))) {
      expect(Math.abs(next - prev)).toBeLessThanOrEqual(prev * 0.02 + 0.005 + 1e-9);
    }
  });

  test("it moves both ways with P(up) = 0.5", () => {
    const moves = pairs(walk(150, 0.5, 2)).map(([prev, next]) => Math.sign(next - prev));
    expect(moves).toContain(1);
    expect(moves).toContain(-1);
  });

  test("prices have at most two decimals and stay ≥ 0.01, even at max 500 %", () => {
    for (const price of walk(1, 0.5, 500)) {
      expect(hasAtMostTwoDecimals(price)).toBe(true);
      expect(price).toBeGreaterThanOrEqual(MIN_PRICE);
    }
  });

  test("the same seed gives the same walk, another seed another walk", () => {
    expect(walk(150, 0.5, 2, 42)).toEqual(walk(150, 0.5, 2, 42));
    expect(walk(150, 0.5, 2, 42)).not.toEqual(walk(150, 0.5, 2, 43));
  });

  test("the source steps from the engine's current price, and from the start price before the first tick", () => {
    const settings = { symbol: "AAPL", startPrice: 150, stepMs: 1000, upProbability: 1, maxChangePercent: 0 };
    const source = new RandomWalkSource([settings], seededRandom(1), () => 5);
    expect(source.step(settings, { currentPrice: () => 171.5 })).toEqual({ symbol: "AAPL", price: 171.5, ts: 5 });
    expect(source.step(settings, { currentPrice: () => undefined })).toEqual({ symbol: "AAPL", price: 150, ts: 5 });
  });

  test("prices never exceed the quotable maximum, even at +500 % a step", () => {
    expect(walkStep(MAX_PRICE * 0.9, { upProbability: 1, maxChangePercent: 500 }, () => 0.99)).toBe(MAX_PRICE);
  });
});
