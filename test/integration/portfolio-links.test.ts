import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type B3Runtime, DEMO, importFile, startB3Runtime, TRADES } from "../b3/support.ts";
import { eventually } from "../support/sse-reader.ts";

const TOKEN = "test-token-0123456789";
let rt: B3Runtime;
const post = (body: unknown) =>
  rt.get("/api/events", { method: "POST", headers: { Authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(body) });
const holding = (symbol: string) => ({ symbol, quantity: 1, avg_price: 10 });
const page = async (slug: string) => (await rt.get(`/p/${slug}`)).text();
/** The symbol cell of each holding row, as rendered. */
const symbolCells = async (slug: string) =>
  [...(await page(slug)).matchAll(/<th scope="row">(.*?)<\/th>/g)].map((m) => m[1]);

beforeAll(async () => {
  rt = await startB3Runtime({ EVENTS_TOKEN: TOKEN, SYMBOLS: "AAPL" });
  await post({
    type: "portfolio.opted_in",
    slug: "mixed",
    holdings: ["AAPL", "PETR4", "DDIN25", "KO", "BRK.B"].map(holding),
  });
});
afterAll(() => rt.close());

describe("the symbols of a portfolio's rows link only to pages that exist", () => {
  test("a symbol the engine quotes links to /s/…; the others are plain text until imported", async () => {
    expect(await symbolCells("mixed")).toEqual(['<a href="/s/AAPL">AAPL</a>', "PETR4", "DDIN25", "KO", "BRK.B"]);
  });

  test("once an import finishes, its tickers link to /quotes/… (COTAHIST quotes and trades alike)", async () => {
    await importFile(rt, "COTAHIST_DEMO_12022003.TXT", Bun.file(DEMO));
    await importFile(rt, "29-04-2025_NEGOCIOSAVISTA.txt", Bun.file(TRADES));
    const linked = [
      '<a href="/s/AAPL">AAPL</a>',
      '<a href="/quotes/PETR4">PETR4</a>',
      '<a href="/quotes/DDIN25">DDIN25</a>',
      "KO",
      "BRK.B",
    ];
    await eventually(async () => JSON.stringify(await symbolCells("mixed")) === JSON.stringify(linked));
  });

  test("a holding added after the import is linked too, and every link answers 200", async () => {
    await post({ type: "portfolio.opted_in", slug: "later", holdings: ["VALE3", "KO"].map(holding) });
    await eventually(async () => (await symbolCells("later"))[0] === '<a href="/quotes/VALE3">VALE3</a>');
    for (const slug of ["mixed", "later"]) {
      for (const [, href] of (await page(slug)).matchAll(/<th scope="row"><a href="([^"]+)">/g)) {
        expect([href, (await rt.get(href!)).status]).toEqual([href, 200]);
      }
    }
  });
});
