import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { boardSymbols, useBrowserApp } from "./fixture.ts";

/**
 * An attacker's page, on another origin (another loopback port), that auto-submits a form to the
 * app's unsubscribe URL: the victim's board cookie must not carry it through.
 */
describe("a cross-site form cannot change the board", () => {
  const app = useBrowserApp({ SYMBOLS: "AAPL,MSFT,NFLX" });
  let attacker: ReturnType<typeof Bun.serve>;

  beforeAll(() => {
    attacker = Bun.serve({
      hostname: "127.0.0.1",
      port: 0,
      fetch: () =>
        new Response(
          `<!doctype html><form id="f" method="post" action="${new URL("/board/symbols/AAPL/delete", app.server.url)}"></form>` +
            `<script>document.getElementById("f").submit()</script>`,
          { headers: { "Content-Type": "text/html" } },
        ),
    });
  });
  afterAll(() => attacker.stop(true));

  test("the attacker's auto-submitted POST to /board/symbols/AAPL/delete leaves AAPL on the board", async () => {
    const page = await app.newPage();
    await page.goto("/");
    expect(await boardSymbols(page)).toEqual(["AAPL", "MSFT", "NFLX"]);

    const evil = await page.context().newPage();
    const answer = evil.waitForResponse((r) => r.url().endsWith("/board/symbols/AAPL/delete"));
    await evil.goto(attacker.url.href);
    const status = (await answer).status();

    await page.reload();
    expect(await boardSymbols(page)).toEqual(["AAPL", "MSFT", "NFLX"]);
    expect(status).toBe(403);
  });
});
