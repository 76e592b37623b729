import { describe, expect, test } from "bun:test";
import { loadConfig } from "../../src/config.ts";

describe("configuration", () => {
  test("defaults: port 3000, a libSQL file, six symbols at their start prices, 1 s step", () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBe("file:data/tickertape.db");
    expect(config.walks.map((w) => [w.symbol, w.startPrice])).toEqual([
      ["AAPL", 150],
      ["GOOGL", 2750],
      ["MSFT", 312],
      ["TSLA", 250],
      ["AMZN", 190],
      ["NFLX", 500],
    ]);
    expect(config.walks.every((w) => w.stepMs === 1000 && w.upProbability === 0.5 && w.maxChangePercent === 2)).toBe(
      true,
    );
  });

  test("SYMBOLS takes optional start prices and TICK_MS sets every step", () => {
    const config = loadConfig({ SYMBOLS: "AAPL, PETR4:38.5", TICK_MS: "250" });
    expect(config.walks.map((w) => [w.symbol, w.startPrice, w.stepMs])).toEqual([
      ["AAPL", 150, 250],
      ["PETR4", 38.5, 250],
    ]);
  });

  test("the price source and its resilience settings", () => {
    const config = loadConfig({
      PRICE_SOURCE: "http",
      PRICE_API_URL: "http://127.0.0.1:1080/api/stock-prices",
      POLL_SUBSCRIBED_ONLY: "1",
      BREAKER_THRESHOLD: "7",
    });
    expect(config.source).toEqual({
      kind: "http",
      url: "http://127.0.0.1:1080/api/stock-prices",
      subscribedOnly: true,
    });
    expect(config.resilience).toEqual({ timeoutMs: 2000, attempts: 3, breakerThreshold: 7, halfOpenMs: 10_000 });
    expect(loadConfig({}).source).toEqual({ kind: "mock" });
  });

  test("TICK_RETENTION keeps 7 days of ticks by default; s, m, h and d set another length, 0 keeps every tick", () => {
    expect(loadConfig({}).tickRetention).toEqual({ setting: "7d", ms: 604_800_000 });
    expect(
      ["90s", "15m", "12h", "30d", "0"].map((setting) => loadConfig({ TICK_RETENTION: setting }).tickRetention.ms),
    ).toEqual([90_000, 900_000, 43_200_000, 2_592_000_000, 0]);
  });

  test.each(["7 days", "", "7", "1w", "0d", "-1h", "1.5h", "07d"])(
    "TICK_RETENTION=%j stops the start naming the rule",
    (value) => {
      expect(() => loadConfig({ TICK_RETENTION: value })).toThrow(
        `TICK_RETENTION=${JSON.stringify(value)} is not allowed: expected 0 (keep every tick) or a whole number with s, m, h or d (90s, 15m, 12h, 7d)`,
      );
    },
  );

  test.each([
    [{ PORT: "http" }, /^PORT="http" is not allowed: expected a whole number from 0 to 65535$/],
    [{ PORT: "70000" }, /^PORT="70000" is not allowed/],
    [{ TICK_MS: "5" }, /^TICK_MS="5" is not allowed: expected a whole number from 10/],
    [{ UP_PROBABILITY: "1.5" }, /^UP_PROBABILITY="1.5" is not allowed: expected a number from 0 to 1$/],
    [{ SYMBOLS: "aapl" }, /^SYMBOLS="aapl" is not allowed: expected a comma-separated list/],
    [{ SYMBOLS: "AAPL,AAPL" }, /^SYMBOLS="AAPL,AAPL" is not allowed: expected each symbol once$/],
    [{ SYMBOLS: "" }, /^SYMBOLS="" is not allowed: expected a comma-separated list/],
    [{ SYMBOLS: " , " }, /^SYMBOLS=" , " is not allowed: expected a comma-separated list/],
    [{ PORT: "" }, /^PORT="" is not allowed: expected a whole number from 0 to 65535$/],
    [
      { DATABASE_URL: "file:" },
      /^DATABASE_URL="file:" is not allowed: expected a file: path or a libsql:, http\(s\): or ws\(s\): URL$/,
    ],
    [{ LOG_LEVEL: "loud" }, /^LOG_LEVEL="loud" is not allowed: expected one of debug, info, warn, error, silent$/],
    [{ DATABASE_URL: "postgres://x" }, /^DATABASE_URL="postgres:\/\/x" is not allowed/],
    [{ PRICE_SOURCE: "ftp" }, /^PRICE_SOURCE="ftp" is not allowed: expected one of mock, http, sse$/],
    [{ PRICE_SOURCE: "http" }, /^PRICE_API_URL is required when PRICE_SOURCE=http/],
    [{ PRICE_SOURCE: "sse" }, /^UPSTREAM_URL is required when PRICE_SOURCE=sse/],
    [
      { PRICE_SOURCE: "http", PRICE_API_URL: "not a url" },
      /^PRICE_API_URL="not a url" is not allowed: expected an http\(s\) URL$/,
    ],
    [{ BREAKER_THRESHOLD: "0" }, /^BREAKER_THRESHOLD="0" is not allowed/],
    [{ METRICS_TOKEN: "short" }, /^METRICS_TOKEN="short" is not allowed: expected 16–256 printable/],
    [{ ACCESS_LOG: "yes" }, /^ACCESS_LOG="yes" is not allowed: expected 0 or 1/],
  ])("a bad value stops the start with one line naming the variable: %j", (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  test("metrics are open and access lines on by default; METRICS_TOKEN and ACCESS_LOG=0 change that", () => {
    expect(loadConfig({})).toMatchObject({ metricsToken: undefined, accessLog: true });
    expect(loadConfig({ METRICS_TOKEN: "m".repeat(16), ACCESS_LOG: "0" })).toMatchObject({
      metricsToken: "m".repeat(16),
      accessLog: false,
    });
  });
});
