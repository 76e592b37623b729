import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type MockApiProcess, spawnMockApi } from "../support/mock-api-process.ts";
import {
  type BrowserApp,
  isSameDocument,
  markDocument,
  priceText,
  screenshot,
  startBrowserApp,
  waitForPriceChange,
} from "./fixture.ts";

const TOKEN = "feed-health-token-0123456789";
let api: MockApiProcess;
let app: BrowserApp;
beforeAll(async () => {
  api = await spawnMockApi();
  app = await startBrowserApp({
    PRICE_SOURCE: "http",
    PRICE_API_URL: api.pricesUrl,
    SYMBOLS: "AAPL,MSFT",
    BREAKER_THRESHOLD: "2",
    BREAKER_HALF_OPEN_MS: "500",
    PRICE_API_TIMEOUT_MS: "300",
    EVENTS_TOKEN: TOKEN,
  });
});
afterAll(async () => {
  await app.stop();
  await api.stop();
});

const badge = (page: Awaited<ReturnType<BrowserApp["newPage"]>>) => page.locator("#feed-badge");

describe("feed health on the board", () => {
  test("the price API goes down: the badge says so and prices stay, marked stale; it comes back live without a reload", async () => {
    const page = await app.newPage();
    await page.goto("/");
    await waitForPriceChange(page, "AAPL");
    expect(await badge(page).getAttribute("data-feed")).toBe("live");
    await markDocument(page);

    await api.setFaults({ down: true });
    await page.locator('#feed-badge[data-feed="interrupted"]').waitFor();
    expect(await badge(page).innerText()).toMatch(/^Feed interrupted since \d\d:\d\d:\d\d UTC$/);
    const stalePrice = await priceText(page, "AAPL");
    expect(stalePrice).toMatch(/\d\.\d\d/);
    const staleMarker = await page
      .locator("#row-AAPL .price")
      .evaluate((cell) => getComputedStyle(cell, "::after").content);
    expect(staleMarker).toBe('" stale"');
    await screenshot(page, "feed-interrupted.png");

    await api.setFaults({ down: false });
    await page.locator('#feed-badge[data-feed="live"]').waitFor();
    await waitForPriceChange(page, "AAPL");
    expect(await isSameDocument(page)).toBe(true);
    expect(await page.locator("#row-AAPL .price").evaluate((cell) => getComputedStyle(cell, "::after").content)).toBe(
      "none",
    );
  });
});

describe("feed health on the other live pages", () => {
  test.each([
    ["/s/AAPL", "#symbol-live .price", "symbol-feed-interrupted.png"],
    ["/p/stale-check", ".live-dot", "portfolio-feed-interrupted.png"],
  ])(
    "%s marks its live prices (%s) stale under the badge while the feed is interrupted, then live",
    async (path, price, shot) => {
      const opted = await fetch(`${app.server.url}api/events`, {
        method: "POST",
        headers: { Authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify({
          type: "portfolio.opted_in",
          slug: "stale-check",
          holdings: [{ symbol: "AAPL", quantity: 2, avg_price: 100 }],
        }),
      });
      expect(opted.status).toBe(202);
      const page = await app.newPage();
      await page.goto(path);
      await page.locator('#feed-badge[data-feed="live"]').waitFor();
      await page.locator(price).waitFor();
      const staleMarker = () => page.locator(price).evaluate((cell) => getComputedStyle(cell, "::after").content);
      expect(await staleMarker()).toBe("none");

      await api.setFaults({ down: true });
      await page.locator('#feed-badge[data-feed="interrupted"]').waitFor();
      expect(await staleMarker()).toBe('" stale"');
      await screenshot(page, shot);

      await api.setFaults({ down: false });
      await page.locator('#feed-badge[data-feed="live"]').waitFor();
      expect(await staleMarker()).toBe("none");
    },
  );
});
