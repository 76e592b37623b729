import { describe, expect, test } from "bun:test";
import { loadConfig } from "../../src/config.ts";

describe("configuration", () => {
  test("defaults: port 3000, a libSQL file, six symbols at their start prices, 1 s heartbeat", () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBe("file:data/tickertape.db");
    expect(config.walks.map((w) => [w.symbol, w.startPrice])).toEqual([
      ["AAPL", 150], ["GOOGL", 2750], ["MSFT", 312], ["TSLA", 250], ["AMZN", 190], ["NFLX", 500],
    ]);
    expect(config.walks.every((w) => w.heartbeatMs === 1000 && w.upProbability === 0.5 && w.maxChangePercent === 2)).toBe(true);
  });

  test("SYMBOLS takes optional start prices and TICK_MS sets every heartbeat", () => {
    const config = loadConfig({ SYMBOLS: "AAPL, PETR4:38.5", TICK_MS: "250" });
    expect(config.walks.map((w) => [w.symbol, w.startPrice, w.heartbeatMs])).toEqual([["AAPL", 150, 250], ["PETR4", 38.5, 250]]);
  });

  test.each([
    [{ PORT: "http" }, /^PORT="http" is not allowed: expected a whole number from 0 to 65535$/],
    [{ PORT: "70000" }, /^PORT="70000" is not allowed/],
    [{ TICK_MS: "5" }, /^TICK_MS="5" is not allowed: expected a whole number from 10/],
    [{ UP_PROBABILITY: "1.5" }, /^UP_PROBABILITY="1.5" is not allowed: expected a number from 0 to 1$/],
    [{ SYMBOLS: "aapl" }, /^SYMBOLS="aapl" is not allowed: expected a comma-separated list/],
    [{ SYMBOLS: "AAPL,AAPL" }, /^SYMBOLS="AAPL,AAPL" is not allowed: expected each symbol once$/],
    [{ LOG_LEVEL: "loud" }, /^LOG_LEVEL="loud" is not allowed: expected one of debug, info, warn, error, silent$/],
    [{ DATABASE_URL: "postgres://x" }, /^DATABASE_URL="postgres:\/\/x" is not allowed/],
  ])("a bad value stops the start with one line naming the variable: %j", (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
