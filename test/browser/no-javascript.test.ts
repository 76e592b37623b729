import { beforeAll, describe, expect, test } from "bun:test";
import type { Page } from "playwright-core";
import { boardSymbols, priceText, useBrowserApp, waitForFirstTicks } from "./fixture.ts";

const PRICE = /^\d{1,3}(,\d{3})*\.\d{2}$/;

/** Click `selector`: its form POSTs as a navigation, and the next page (after a 303 or a 422) loads. */
async function submitAndLoad(page: Page, selector: string): Promise<void> {
  const post = page.waitForRequest((r) => r.method() === "POST" && r.isNavigationRequest());
  const loaded = page.waitForEvent("load");
  await page.locator(selector).click();
  await Promise.all([post, loaded]);
}

describe("the dashboard without JavaScript", () => {
  const app = useBrowserApp({ SYMBOLS: "AAPL,MSFT,NFLX" });
  beforeAll(() => waitForFirstTicks(app));

  test("the board renders prices, and the forms remove and add a symbol through full page loads", async () => {
    const page = await app.newPage({ javaScriptEnabled: false });
    await page.goto("/");
    expect(await boardSymbols(page)).toEqual(app.symbols);
    for (const symbol of app.symbols) expect(await priceText(page, symbol)).toMatch(PRICE);

    await submitAndLoad(page, "#row-NFLX button.unsubscribe");
    expect(page.url()).toBe(new URL("/", app.server.url).href);
    expect(await boardSymbols(page)).toEqual(["AAPL", "MSFT"]);

    await page.locator("#symbol-input").fill("nflx");
    await submitAndLoad(page, "#subscribe-form button[type=submit]");
    expect(await boardSymbols(page)).toEqual(["AAPL", "MSFT", "NFLX"]);
    expect(await priceText(page, "NFLX")).toMatch(PRICE);
    expect(await page.locator("#symbol-input").inputValue()).toBe("");
  });

  test("an unknown symbol answers with the whole page and its inline error", async () => {
    const page = await app.newPage({ javaScriptEnabled: false });
    await page.goto("/");

    await page.locator("#symbol-input").fill("xyz");
    await submitAndLoad(page, "#subscribe-form button[type=submit]");

    expect(await page.locator("#subscribe-error").innerText()).toBe("Unknown symbol XYZ");
    expect(await page.locator("#symbol-input").inputValue()).toBe("XYZ");
    expect(await boardSymbols(page)).toEqual(app.symbols);
  });
});
