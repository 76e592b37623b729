import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readEvents } from "../support/sse-reader.ts";
import { startTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime({ SYMBOLS: "AAPL,MSFT,TSLA" });
  await rt.source.push("AAPL", 150.5);
});
afterAll(() => rt.stop());

const BOARD = "abcdefgh12345678";
const cookieFor = (symbols: string) => ({ Cookie: `board=${BOARD}:${symbols}` });
const htmx = { "HX-Request": "true" };
const subscribe = (symbol: string, headers: Record<string, string>) =>
  rt.get("/board/symbols", { method: "POST", headers, body: new URLSearchParams({ symbol }) });
const boardCookie = (res: Response) =>
  decodeURIComponent(/board=([^;]*)/.exec(res.headers.get("set-cookie") ?? "")?.[1] ?? "");

describe("GET /", () => {
  test("a new visitor gets every configured symbol, prices rendered on the server, and a board cookie", async () => {
    const res = await rt.get("/");
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('id="row-AAPL"');
    expect(html).toContain("150.50");
    expect(html).toContain('id="row-TSLA"');
    expect(boardCookie(res)).toMatch(/^[a-z0-9]{16}:AAPL,MSFT,TSLA$/);
  });

  test("the page has one SSE connection and no inline script or event handler", async () => {
    const html = await (await rt.get("/")).text();
    expect(html.match(/hx-sse:connect=/g)).toEqual(["hx-sse:connect="]);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  test("the board from the cookie is kept, in its order", async () => {
    const html = await (await rt.get("/", { headers: cookieFor("TSLA,AAPL") })).text();
    expect(html.indexOf("row-TSLA")).toBeLessThan(html.indexOf("row-AAPL"));
    expect(html).not.toContain("row-MSFT");
  });
});

describe("POST /board/symbols (htmx)", () => {
  test("a symbol is trimmed and upper-cased, its row appended and the form cleared", async () => {
    const res = await subscribe("  msft ", { ...htmx, ...cookieFor("AAPL") });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('<hx-partial hx-target="#board-rows" hx-swap="beforeend"><tr id="row-MSFT"');
    expect(html).toContain('value=""');
    expect(boardCookie(res)).toBe(`${BOARD}:AAPL,MSFT`);
  });

  test.each([
    ["", "Enter a symbol"],
    ["   ", "Enter a symbol"],
    ["xyz", "Unknown symbol XYZ"],
    ["aapl", "AAPL is already on your board"],
  ])("%j is refused inline with %j, nothing added", async (input, message) => {
    const res = await subscribe(input, { ...htmx, ...cookieFor("AAPL") });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(`<p id="subscribe-error" class="form-error" role="alert">${message}</p>`);
    expect(html).not.toContain("#board-rows");
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  test("hostile input comes back escaped", async () => {
    const html = await (await subscribe('<img src=x onerror="alert(1)">', { ...htmx, ...cookieFor("AAPL") })).text();
    expect(html).toContain("Unknown symbol &lt;IMG SRC=X ONERROR=&quot;ALERT(1)&quot;&gt;");
    expect(html).not.toContain("<IMG");
  });
});

describe("without JavaScript", () => {
  test("a valid subscribe redirects back to the board with the new cookie", async () => {
    const res = await subscribe("TSLA", cookieFor("AAPL"));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/");
    expect(boardCookie(res)).toBe(`${BOARD}:AAPL,TSLA`);
  });

  test("an invalid subscribe re-renders the whole page with the message", async () => {
    const res = await subscribe("NOPE", cookieFor("AAPL"));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("<!doctype html>");
    expect(html).toContain("Unknown symbol NOPE");
    expect(html).toContain('value="NOPE"');
  });

  test("unsubscribe removes the symbol and redirects", async () => {
    const res = await rt.get("/board/symbols/AAPL/delete", { method: "POST", headers: cookieFor("AAPL,MSFT") });
    expect(res.status).toBe(303);
    expect(boardCookie(res)).toBe(`${BOARD}:MSFT`);
  });
});

describe("unsubscribe (htmx)", () => {
  test("answers a partial that deletes the row", async () => {
    const res = await rt.get("/board/symbols/MSFT/delete", {
      method: "POST",
      headers: { ...htmx, ...cookieFor("AAPL,MSFT") },
    });
    expect(await res.text()).toBe('<hx-partial hx-target="#row-MSFT" hx-swap="delete"></hx-partial>');
    expect(boardCookie(res)).toBe(`${BOARD}:AAPL`);
  });
});

describe("GET /board/stream", () => {
  test("starts with the board's rows, then sends only the board's symbols, following a subscribe live", async () => {
    const board = "streamboard00001";
    const res = await rt.get("/board/stream", { headers: { Cookie: `board=${board}:AAPL` } });
    setTimeout(async () => {
      await rt.source.push("MSFT", 311);
      await rt.source.push("AAPL", 151);
      await subscribe("MSFT", { ...htmx, Cookie: `board=${board}:AAPL` });
      rt.source.push("MSFT", 312);
    }, 20);
    const [first, second, third] = await readEvents(res, 3);
    expect(first!.data).toContain('hx-target="#row-AAPL"');
    expect(second!.data).toContain('hx-target="#row-AAPL" hx-swap="outerMorph"><tr id="row-AAPL"');
    expect(second!.data).toContain("151.00");
    expect(second!.data).not.toContain("MSFT");
    expect(third!.data).toContain("312.00");
  });
});

describe("GET /s/:symbol", () => {
  test("shows the latest price, a candlestick chart and the range's low and high", async () => {
    await rt.source.push("TSLA", 240);
    await rt.source.push("TSLA", 260.25);
    const html = await (await rt.get("/s/tsla?range=all")).text();
    expect(html).toContain("<h1>TSLA</h1>");
    expect(html).toContain('<svg class="candles"');
    expect(html).toContain('<dd class="min">240.00</dd>');
    expect(html).toContain('<dd class="max">260.25</dd>');
  });

  test("an unknown symbol is a 404 page", async () => {
    const res = await rt.get("/s/NOPE");
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("Unknown symbol NOPE");
  });
});

describe("GET /s/:symbol/stream", () => {
  test("moves the symbol page's chart and range with every tick of that symbol only", async () => {
    await rt.source.push("TSLA", 250);
    const stream = await rt.get("/s/TSLA/stream?range=all");
    setTimeout(() => {
      rt.source.push("AAPL", 999);
      rt.source.push("TSLA", 275.5);
    }, 20);
    const [initial, update] = await readEvents(stream, 2);
    expect(initial!.data).toContain('hx-target="#symbol-live"');
    expect(update!.data).toContain('<span class="price">275.50</span>');
    expect(update!.data).toContain('<dd class="max">275.50</dd>');
    expect(update!.data).not.toContain("999");
  });

  test("an unknown symbol is a 404 before the stream opens", async () => {
    expect((await rt.get("/s/NOPE/stream")).status).toBe(404);
  });
});
