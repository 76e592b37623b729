import { afterAll, afterEach, beforeAll, expect, setDefaultTimeout } from "bun:test";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { loadConfig } from "../../src/config.ts";
import { createLogger } from "../../src/log.ts";
import { type RunningServer, startServer } from "../../src/server.ts";
import { launchChromium } from "./chromium.ts";

/** Where the browser tests leave screenshots (git-ignored). */
export const ARTIFACTS = join(import.meta.dir, "../../test-artifacts");

/**
 * Playwright gives up on a wait after 10 s, well inside the 30 s a test may take, so a stuck page
 * fails with Playwright's message. (Bun does not read bunfig's `[test] timeout`, and when a test
 * times out Bun kills the processes it left running, the browser included.)
 */
const WAIT_TIMEOUT_MS = 10_000;
const TEST_TIMEOUT_MS = 30_000;

export interface BrowserApp {
  server: RunningServer;
  browser: Browser;
  /** The configured symbols, in order. */
  symbols: string[];
  /** Console errors and uncaught page exceptions of every page opened so far. */
  problems: string[];
  /** A page in a fresh context (own cookies, so its own board); `page.goto("/")` goes to the server. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** Close the pages opened so far (their streams end). */
  closePages(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A real server on a free port with a fresh libSQL file, and a headless Chromium to drive it.
 * @example const app = await startBrowserApp({ SYMBOLS: "AAPL,MSFT" });
 */
export async function startBrowserApp(env: Record<string, string> = {}): Promise<BrowserApp> {
  const dir = await mkdtemp(join(tmpdir(), "tickertape-browser-"));
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    DATABASE_URL: `file:${join(dir, "t.db")}`,
    TICK_MS: "200",
    LOG_LEVEL: "silent",
    ...env,
  });
  const server = await startServer(config, createLogger(config.logLevel));
  const browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  return {
    server,
    browser,
    symbols: config.symbols,
    problems,
    async newPage(options = {}) {
      const context = await browser.newContext({
        baseURL: server.url,
        viewport: { width: 1100, height: 700 },
        ...options,
      });
      context.setDefaultTimeout(WAIT_TIMEOUT_MS);
      contexts.push(context);
      const page = await context.newPage();
      page.on("console", (m) => {
        if (m.type() === "error") problems.push(`console: ${m.text()} (${m.location().url})`);
      });
      page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
      return page;
    },
    async closePages() {
      await Promise.all(contexts.splice(0).map((c) => c.close()));
    },
    async stop() {
      await browser.close();
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * One app for the test file: started before its tests, stopped after them. After each test its
 * pages are closed, and the test fails if a page threw an uncaught exception or reported a
 * Content Security Policy violation (an inline script, style or handler it tried to use).
 * Other console errors are allowed: Chromium logs every 422 answer to a bad symbol.
 * @example const app = useBrowserApp({ SYMBOLS: "AAPL,MSFT,NFLX" });
 */
export function useBrowserApp(env: Record<string, string> = {}): BrowserApp {
  setDefaultTimeout(TEST_TIMEOUT_MS);
  const app = {} as BrowserApp;
  beforeAll(async () => {
    Object.assign(app, await startBrowserApp(env));
  });
  afterEach(async () => {
    await app.closePages();
    expect(app.problems.filter((p) => p.startsWith("pageerror") || p.includes("Content Security Policy"))).toEqual([]);
  });
  afterAll(async () => {
    await app.stop?.();
  });
  return app;
}

/** Wait until the engine has a price for every symbol (until then a row shows "—"). */
export async function waitForFirstTicks(app: BrowserApp): Promise<void> {
  while (!app.symbols.every((symbol) => app.server.market.latest(symbol))) await Bun.sleep(20);
}

/** The price cell of a symbol's row, as shown. */
export const priceText = (page: Page, symbol: string): Promise<string> =>
  page.locator(`#row-${symbol} .price`).innerText();

/** Wait until the stream changes the price shown for `symbol` (rows are replaced, so compare text). */
export async function waitForPriceChange(page: Page, symbol: string): Promise<void> {
  const before = await priceText(page, symbol);
  await page.waitForFunction(
    ([id, text]) => {
      const cell = document.querySelector(`#${id} .price`);
      return cell !== null && cell.textContent !== text;
    },
    [`row-${symbol}`, before] as const,
  );
}

/** Click a row's × button. */
export async function clickRemove(page: Page, symbol: string): Promise<void> {
  await page.locator(`#row-${symbol} button.unsubscribe`).click();
}

/** Tag the current document; `isSameDocument` stays true until the page reloads or navigates. */
export const markDocument = (page: Page): Promise<void> =>
  page.evaluate(() => {
    (window as unknown as { tickertapeMark: boolean }).tickertapeMark = true;
  });

export const isSameDocument = (page: Page): Promise<boolean> =>
  page.evaluate(() => (window as unknown as { tickertapeMark?: boolean }).tickertapeMark === true);

/** The symbols of the board's rows, in order. */
export const boardSymbols = (page: Page): Promise<string[]> => page.locator("#board-rows tr th").allInnerTexts();

/** Save a full-page screenshot to test-artifacts/<name>. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, name), fullPage: true });
}
