import { launchChromium } from "../test/browser/chromium.ts";

/** `bun scripts/screenshot.ts http://localhost:3000/ shot.png [waitMs]`: look at a page as a user would. */
const [url = "http://localhost:3000/", out = "screenshot.png", wait = "2500"] = process.argv.slice(2);
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1100, height: 700 } });
page.on("console", (m) => console.log(`console.${m.type()}: ${m.text()}`));
page.on("pageerror", (e) => console.log(`pageerror: ${e.message}`));
await page.goto(url);
await page.waitForTimeout(Number(wait));
await page.screenshot({ path: out, fullPage: true });
await browser.close();
console.log(`saved ${out}`);
