import { describe, expect, test } from "bun:test";
import { useBrowserApp, waitForPriceChange } from "./fixture.ts";

/**
 * Price updates morph the row (`outerMorph`) instead of replacing it, so the row's × button stays
 * the same element under the user's hand: focus and a click in progress survive a tick.
 */
describe("a live row under the user's hand", () => {
  const app = useBrowserApp({ SYMBOLS: "AAPL,MSFT" });

  test("keyboard focus on a row's × button survives a price update", async () => {
    const page = await app.newPage();
    await page.goto("/");
    await page.locator("#row-AAPL button.unsubscribe").focus();

    await waitForPriceChange(page, "AAPL");

    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Remove AAPL");
  });

  test("a click on × whose press and release straddle a price update still removes the row", async () => {
    const page = await app.newPage();
    await page.goto("/");
    const box = await page.locator("#row-MSFT button.unsubscribe").boundingBox();
    if (!box) throw new Error("no × button for MSFT");

    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await waitForPriceChange(page, "MSFT");
    await page.mouse.up();

    await page.locator("#row-MSFT").waitFor({ state: "detached", timeout: 1500 });
  });
});
