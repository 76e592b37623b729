import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readEvents } from "../support/sse-reader.ts";
import { startTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

let rt: TestRuntime;
const now = Date.now();
const minute = now - (now % 60_000);
beforeAll(async () => {
  rt = await startTestRuntime({ SYMBOLS: "AAPL,MSFT" });
  await rt.source.pushAt("AAPL", 100, minute - 120_000);
  await rt.source.pushAt("AAPL", 104, minute - 60_000);
  await rt.source.pushAt("AAPL", 102, minute + 1);
});
afterAll(() => rt.stop());

const page = async (path: string) => {
  const res = await rt.get(path);
  return { status: res.status, html: await res.text() };
};
const candleCount = (html: string) => html.match(/<g class="candle /g)?.length ?? 0;

describe("the symbol page's chart", () => {
  test("1m candles over the last day by default, with links to every interval and range (no JavaScript needed)", async () => {
    const { status, html } = await page("/s/AAPL");
    expect(status).toBe(200);
    expect(candleCount(html)).toBe(3);
    expect(html).toContain('<a href="/s/AAPL?interval=1m&amp;range=1d" aria-current="page">1m</a>');
    for (const interval of ["1s", "10s", "5m", "1h", "1d"])
      expect(html).toContain(`<a href="/s/AAPL?interval=${interval}&amp;range=1d">${interval}</a>`);
    for (const range of ["1h", "1w", "all"])
      expect(html).toContain(`<a href="/s/AAPL?interval=1m&amp;range=${range}">${range}</a>`);
    expect(html).toContain('hx-boost:inherited="true"');
    expect(html).toContain('hx-sse:connect="/s/AAPL/stream?interval=1m&amp;range=1d"');
    expect(html).toContain('<dd class="min">100.00</dd>');
    expect(html).toContain('<dd class="max">104.00</dd>');
  });

  test("another interval and range are drawn and marked current in the switches", async () => {
    const { html } = await page("/s/AAPL?interval=1d&range=1w");
    expect(candleCount(html)).toBeGreaterThanOrEqual(1);
    expect(html).toContain('aria-current="page">1d</a>');
    expect(html).toContain('aria-current="page">1w</a>');
  });

  test("a bad interval or range is a 400 page naming it", async () => {
    expect((await page("/s/AAPL?interval=2m")).status).toBe(400);
    const { status, html } = await page("/s/AAPL?range=1y");
    expect(status).toBe(400);
    expect(html).toContain("range: one of 1h, 1d, 1w, all");
  });

  test("the forming candle moves over the page's stream with every tick of its symbol", async () => {
    const stream = await rt.get("/s/AAPL/stream?interval=1m&range=1d");
    setTimeout(() => {
      rt.source.pushAt("MSFT", 300, minute + 2);
      rt.source.pushAt("AAPL", 110, minute + 3);
    }, 20);
    const [initial, update] = await readEvents(stream, 2);
    expect(candleCount(initial!.data)).toBe(3);
    expect(candleCount(update!.data)).toBe(3);
    expect(update!.data).toContain("close 110.00");
    expect(update!.data).toContain('<dd class="max">110.00</dd>');
    expect(update!.data).not.toContain("300.00");
  });
});
