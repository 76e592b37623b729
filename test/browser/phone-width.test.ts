import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { DEMO } from "../b3/support.ts";
import { useBrowserApp, waitForFirstTicks } from "./fixture.ts";

const PHONE = { width: 390, height: 844 };
const TOKEN = "phone-token-0123456789";

const dataDir = await mkdtemp(join(tmpdir(), "tickertape-phone-"));
afterAll(() => rm(dataDir, { recursive: true, force: true }));

/** How wide the document and the header are, against the viewport. */
const widths = (page: Page) =>
  page.evaluate(() => ({
    viewport: window.innerWidth,
    document: document.documentElement.scrollWidth,
    header: document.querySelector(".site-header")?.getBoundingClientRect().width,
  }));

describe("every page fits a 390 px phone screen", () => {
  const app = useBrowserApp({ DATA_DIR: dataDir, EVENTS_TOKEN: TOKEN });

  beforeAll(async () => {
    const res = await fetch(`${app.server.url}api/events`, {
      method: "POST",
      headers: { Authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({
        type: "portfolio.opted_in",
        slug: "phone-portfolio",
        holdings: [
          { symbol: "AAPL", quantity: 1250, avg_price: 120.5 },
          { symbol: "MSFT", quantity: 310.25, avg_price: 280, price: 412.37 },
          { symbol: "BRK.B", quantity: 75, avg_price: 300, price: 451.02 },
          { symbol: "KO", quantity: 1000, avg_price: 55, price: 61.4 },
        ],
        stats: {
          yoc: 3.21,
          currentYield: 2.47,
          sectors: [
            { sector: "Information Technology", percent: 48.5 },
            { sector: "Financials", percent: 22.1 },
            { sector: "Consumer Staples", percent: 19.4 },
            { sector: "Health Care", percent: 10 },
          ],
        },
      }),
    });
    expect(res.status).toBe(202);

    const page = await app.newPage({ viewport: PHONE });
    await page.goto("/quotes");
    await page.locator("#upload-file").setInputFiles(DEMO);
    await page.locator("#upload-form button[type=submit]").click();
    await page.locator('tr.import[data-status="done"]', { hasText: "COTAHIST_DEMO_12022003.TXT" }).waitFor();
    await waitForFirstTicks(app);
  });

  test.each([
    "/",
    "/s/AAPL",
    "/p/phone-portfolio",
    "/quotes",
    "/quotes/PETR4",
    "/imports/COTAHIST_A2003_COMPLETE_FILE_NAME.TXT",
  ])("%s scrolls only vertically, under a header as wide as the screen", async (path) => {
    const page = await app.newPage({ viewport: PHONE });
    await page.goto(path);

    expect(await widths(page)).toEqual({ viewport: PHONE.width, document: PHONE.width, header: PHONE.width });
  });
});
