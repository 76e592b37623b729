import { launchChromium } from "../test/browser/chromium.ts";

/**
 * `bun scripts/screenshot.ts [url] [out.png] [waitMs] [width]`: look at a page as a user would. The picture
 * goes to `test-artifacts/` (git-ignored) unless `out` says otherwise; width 390 shows a phone's view.
 */
const [url = "http://localhost:3000/", out = "test-artifacts/screenshot.png", wait = "2500", width = "1100"] =
  process.argv.slice(2);
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: Number(width), height: 700 } });
page.on("console", (m) => console.log(`console.${m.type()}: ${m.text()}`));
page.on("pageerror", (e) => console.log(`pageerror: ${e.message}`));
await page.goto(url);
await page.waitForTimeout(Number(wait));
await page.screenshot({ path: out, fullPage: true });
await browser.close();
console.log(`saved ${out}`);
