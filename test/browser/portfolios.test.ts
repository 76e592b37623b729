import { describe, expect, test } from "bun:test";
import type { CommunityStats } from "../../src/portfolio/community.ts";
import { eventually } from "../support/sse-reader.ts";
import { isSameDocument, markDocument, screenshot, useBrowserApp } from "./fixture.ts";

const TOKEN = "browser-token-0123456789";

describe("public portfolios in a browser", () => {
  const app = useBrowserApp({ SYMBOLS: "AAPL,MSFT", EVENTS_TOKEN: TOKEN });
  const post = (body: unknown) =>
    fetch(`${app.server.url}api/events`, {
      method: "POST",
      headers: { Authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(body),
    });

  test("an updated event changes /p/:slug and the dashboard's community section without a reload", async () => {
    await post({
      type: "portfolio.opted_in",
      slug: "zoe",
      holdings: [{ symbol: "KO", quantity: 10, avg_price: 50, price: 60 }],
    });
    const portfolioPage = await app.newPage();
    await portfolioPage.goto("/p/zoe");
    expect(await portfolioPage.locator(".total-value").innerText()).toBe("600.00 USD");
    const dashboard = await app.newPage();
    await dashboard.goto("/");
    await dashboard.locator('#community a[href="/p/zoe"]').first().waitFor();
    await markDocument(portfolioPage);
    await markDocument(dashboard);

    await post({
      type: "portfolio.updated",
      slug: "zoe",
      holdings: [
        { symbol: "KO", quantity: 10, avg_price: 50, price: 60 },
        { symbol: "PEP", quantity: 5, avg_price: 100, price: 160 },
      ],
      stats: { sectors: [{ sector: "Staples", percent: 100 }] },
    });

    await portfolioPage.locator(".total-value", { hasText: "1,400.00 USD" }).waitFor();
    await portfolioPage.locator(".holdings th", { hasText: "PEP" }).waitFor();
    await dashboard.locator("#community .card", { hasText: "Holdings" }).locator("dd", { hasText: /^2$/ }).waitFor();
    await dashboard.locator("#community .legend", { hasText: "Staples" }).waitFor();
    expect(await isSameDocument(portfolioPage)).toBe(true);
    expect(await isSameDocument(dashboard)).toBe(true);
    await screenshot(portfolioPage, "portfolio-zoe.png");
    await screenshot(dashboard, "dashboard-community.png");
  });

  test("a holding of a quoted symbol moves with the live price", async () => {
    await post({
      type: "portfolio.opted_in",
      slug: "liam",
      holdings: [{ symbol: "AAPL", quantity: 1000, avg_price: 100 }],
    });
    const page = await app.newPage();
    await page.goto("/p/liam");
    const first = await page.locator(".total-value").innerText();
    await page.waitForFunction((text) => document.querySelector(".total-value")?.textContent !== text, first);
  });

  test("hostile text in a sector name is shown as text, never run", async () => {
    await post({
      type: "portfolio.opted_in",
      slug: "mallory",
      holdings: [],
      stats: { sectors: [{ sector: '<img src=x onerror="window.pwned=1">', percent: 100 }] },
    });
    const page = await app.newPage();
    await page.goto("/p/mallory");
    await page.locator(".legend", { hasText: "<img src=x" }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator(".legend img").count()).toBe(0);
  });

  test("a browser reloading a portfolio, and a cookieless client on its address, make one visit", async () => {
    await post({ type: "portfolio.opted_in", slug: "visited" });
    const page = await app.newPage();
    for (let i = 0; i < 3; i++) await page.goto("/p/visited");
    await fetch(`${app.server.url}p/visited`);
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === "tt_visitor")).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/p" });
    // A change after the visits: once the community section shows it, it counts every visit made before.
    await post({ type: "portfolio.opted_in", slug: "after-the-visits" });
    const community = async () => (await (await fetch(`${app.server.url}api/community`)).json()) as CommunityStats;
    await eventually(async () => (await community()).latest.some((p) => p.slug === "after-the-visits"));
    expect((await community()).trending.find((t) => t.slug === "visited")).toEqual({ slug: "visited", visits: 1 });
  });

  test("an unknown portfolio is a 404 page", async () => {
    const page = await app.newPage();
    const response = await page.goto("/p/nobody-here");
    expect(response?.status()).toBe(404);
    expect(await page.locator("h1").innerText()).toBe("Not found");
    expect(await page.locator("main").innerText()).toContain("Portfolio not found");
  });
});
