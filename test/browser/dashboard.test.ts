import { describe, expect, test } from "bun:test";
import {
  boardSymbols,
  clickRemove,
  isSameDocument,
  markDocument,
  priceText,
  screenshot,
  useBrowserApp,
  waitForPriceChange,
} from "./fixture.ts";

const PRICE = /^\d{1,3}(,\d{3})*\.\d{2}$/;

describe("the dashboard in a browser", () => {
  const app = useBrowserApp();

  test("opening / shows a row per configured symbol, and prices change without a reload", async () => {
    const page = await app.newPage();
    await page.goto("/");
    expect(await boardSymbols(page)).toEqual(app.symbols);
    await markDocument(page);

    await waitForPriceChange(page, "AAPL");

    expect(await priceText(page, "AAPL")).toMatch(PRICE);
    expect(await isSameDocument(page)).toBe(true);
    await screenshot(page, "dashboard.png");
  });

  test("the board still goes live when the SSE extension script arrives late", async () => {
    // htmx must not process the page before hx-sse.js has registered (it could, with `defer`).
    const page = await app.newPage();
    await page.route("**/assets/hx-sse.js", async (route) => {
      await Bun.sleep(300);
      await route.continue();
    });
    await page.goto("/");

    await waitForPriceChange(page, "AAPL");
  });

  test("the page is served under a strict CSP and has no inline script or event handler", async () => {
    const page = await app.newPage();
    const response = await page.goto("/");
    expect(response?.headers()["content-security-policy"]).toContain("script-src 'self'");

    const inline = await page.evaluate(() => ({
      scripts: [...document.scripts].filter((s) => !s.src).length,
      handlers: [...document.querySelectorAll("*")].flatMap((el) =>
        [...el.attributes].filter((a) => a.name.startsWith("on")).map((a) => `${el.tagName}[${a.name}]`),
      ),
    }));
    expect(inline).toEqual({ scripts: 0, handlers: [] });
  });

  test("a removed symbol is still gone after a reload", async () => {
    const page = await app.newPage();
    await page.goto("/");
    await clickRemove(page, "TSLA");
    await page.locator("#row-TSLA").waitFor({ state: "detached" });

    await page.reload();

    expect(await boardSymbols(page)).toEqual(app.symbols.filter((s) => s !== "TSLA"));
    await waitForPriceChange(page, "AAPL");
    expect(await page.locator("#row-TSLA").count()).toBe(0);
  });

  test("/s/AAPL shows the symbol page with a candlestick chart and its Low and High", async () => {
    const page = await app.newPage();
    await page.goto("/");
    await waitForPriceChange(page, "AAPL"); // at least two ticks

    await page.goto("/s/AAPL?interval=1s&range=1h");

    expect(await page.locator("h1").innerText()).toBe("AAPL");
    expect(await page.locator("svg.candles g.candle").count()).toBeGreaterThan(0);
    const low = await page.locator(".range dd.min").innerText();
    const high = await page.locator(".range dd.max").innerText();
    expect(low).toMatch(PRICE);
    expect(high).toMatch(PRICE);
    expect(Number(low.replaceAll(",", ""))).toBeLessThanOrEqual(Number(high.replaceAll(",", "")));
    await screenshot(page, "symbol-AAPL.png");
  });

  test("the symbol page moves with every tick, without a reload; its switches swap the chart in place", async () => {
    const page = await app.newPage();
    await page.goto("/s/AAPL?interval=1s&range=1h");
    await markDocument(page);
    const updated = () => page.locator(".headline .updated").innerText();
    const before = await updated();
    await page.waitForFunction((text) => document.querySelector(".headline .updated")?.textContent !== text, before);
    expect(await isSameDocument(page)).toBe(true);

    await page.locator(".chart-switch a", { hasText: "10s" }).click();
    await page.waitForURL(/interval=10s/);
    await page.locator('.chart-switch a[aria-current="page"]', { hasText: "10s" }).waitFor();
    expect(await page.locator("svg.candles g.candle").count()).toBeGreaterThan(0);
    expect(await isSameDocument(page)).toBe(true);
  });
});
