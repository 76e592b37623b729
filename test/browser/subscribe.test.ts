import { describe, expect, test } from "bun:test";
import type { Page } from "playwright-core";
import {
  boardSymbols,
  clickRemove,
  isSameDocument,
  markDocument,
  useBrowserApp,
  waitForPriceChange,
} from "./fixture.ts";

/** Type into the subscribe form and submit it with its button. */
async function submitSymbol(page: Page, text: string): Promise<void> {
  await page.locator("#symbol-input").fill(text);
  await page.locator("#subscribe-form button[type=submit]").click();
}

/** Wait for the form's inline error to read `message`; returns the error's HTML. */
async function waitForFormError(page: Page, message: string): Promise<string> {
  await page.waitForFunction((m) => document.querySelector("#subscribe-error")?.textContent === m, message);
  return page.locator("#subscribe-error").innerHTML();
}

describe("subscribing and unsubscribing on the dashboard", () => {
  const app = useBrowserApp({ SYMBOLS: "AAPL,MSFT,NFLX" });
  let page: Page;

  const openBoard = async () => {
    page = await app.newPage();
    await page.goto("/");
    await markDocument(page);
  };

  test("removing NFLX drops its row; adding ' nflx ' brings it back live and clears the input", async () => {
    await openBoard();

    await clickRemove(page, "NFLX");
    await page.locator("#row-NFLX").waitFor({ state: "detached" });
    expect(await boardSymbols(page)).toEqual(["AAPL", "MSFT"]);

    await submitSymbol(page, " nflx ");
    await page.locator("#row-NFLX").waitFor();
    expect(await boardSymbols(page)).toEqual(["AAPL", "MSFT", "NFLX"]);
    expect(await page.locator("#symbol-input").inputValue()).toBe("");
    await waitForPriceChange(page, "NFLX");

    expect(await isSameDocument(page)).toBe(true);
  });

  test("an unknown symbol shows 'Unknown symbol XYZ' inline, without a reload", async () => {
    await openBoard();

    await submitSymbol(page, "XYZ");

    await waitForFormError(page, "Unknown symbol XYZ");
    expect(await page.locator("#symbol-input").getAttribute("aria-invalid")).toBe("true");
    expect(await boardSymbols(page)).toEqual(app.symbols);
    expect(await isSameDocument(page)).toBe(true);
  });

  test("an empty input shows 'Enter a symbol'", async () => {
    await openBoard();

    await submitSymbol(page, "");

    await waitForFormError(page, "Enter a symbol");
    expect(await isSameDocument(page)).toBe(true);
  });

  test("a symbol already on the board shows 'AAPL is already on your board'", async () => {
    await openBoard();

    await submitSymbol(page, "aapl");

    await waitForFormError(page, "AAPL is already on your board");
    expect(await boardSymbols(page)).toEqual(app.symbols);
    expect(await isSameDocument(page)).toBe(true);
  });

  test("hostile input is shown as text: no dialog opens and no <img> is created", async () => {
    await openBoard();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });

    await submitSymbol(page, "<img src=x onerror=alert(1)>");

    const errorHtml = await waitForFormError(page, "Unknown symbol <IMG SRC=X ONERROR=ALERT(1)>");
    expect(errorHtml).toBe("Unknown symbol &lt;IMG SRC=X ONERROR=ALERT(1)&gt;");
    expect(await page.locator("#subscribe-form img").count()).toBe(0);
    expect(await page.locator("img").count()).toBe(0);
    await waitForPriceChange(page, "AAPL"); // give a would-be handler time to fire
    expect(dialogs).toEqual([]);
    expect(await isSameDocument(page)).toBe(true);
  });
});
