import { afterAll, describe, expect, test } from "bun:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isSameDocument, markDocument, screenshot, useBrowserApp } from "../browser/fixture.ts";
import { DEMO } from "./support.ts";

const dataDir = await mkdtemp(join(tmpdir(), "tickertape-b3-browser-"));
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe("/quotes in a browser", () => {
  const app = useBrowserApp({ SYMBOLS: "AAPL", DATA_DIR: dataDir });

  test("upload the demo file, watch the bar reach 100 %, open PETR4's page", async () => {
    const page = await app.newPage();
    await page.goto("/quotes");
    await markDocument(page);

    await page.locator("#upload-file").setInputFiles(DEMO);
    await page.locator("#upload-form button[type=submit]").click();

    const row = page.locator('tr.import[data-status="done"]', { hasText: "COTAHIST_DEMO_12022003.TXT" });
    await row.waitFor();
    expect(await row.locator("progress").getAttribute("value")).toBe("100");
    expect(await row.locator(".percent").innerText()).toBe("100 %");
    expect(await row.locator(".rows-inserted").innerText()).toBe("551");
    expect(await page.locator("#upload-notice").innerText()).toBe(
      "COTAHIST_DEMO_12022003.TXT was uploaded: its import is under way.",
    );
    expect(await isSameDocument(page)).toBe(true);
    await screenshot(page, "quotes.png");

    await row.locator('a[href="/quotes/PETR4"]').click();
    await page.waitForURL("**/quotes/PETR4");
    expect(await page.locator("h1").innerText()).toBe("PETR4 PETROBRAS PN");
    expect(await page.locator("svg.candles g.candle").count()).toBe(1);
    expect(await page.locator("table.daily tbody tr td.close").allInnerTexts()).toEqual(["46.85"]);
    await screenshot(page, "quotes-PETR4.png");
  });

  test("without JavaScript the form still uploads, through a full page load", async () => {
    const page = await app.newPage({ javaScriptEnabled: false });
    await page.goto("/quotes");
    await page
      .locator("#upload-file")
      .setInputFiles({ name: "no-js.TXT", mimeType: "text/plain", buffer: Buffer.from(await Bun.file(DEMO).bytes()) });
    const loaded = page.waitForEvent("load");
    await page.locator("#upload-form button[type=submit]").click();
    await loaded;
    expect(new URL(page.url()).pathname).toBe("/quotes");
    expect(await page.locator("tr.import .file-name").allInnerTexts()).toContain("no-js.TXT");
  });
});
