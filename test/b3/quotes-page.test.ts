import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { cotahistText, generatedTicker } from "../../scripts/generate-b3/cotahist.ts";
import { NEGOCIOS_HEADER } from "../../scripts/generate-b3/negocios.ts";
import { type B3Runtime, DEMO, finished, importFile, latin1, startB3Runtime, upload } from "./support.ts";

let rt: B3Runtime;
beforeAll(async () => {
  rt = await startB3Runtime({ MAX_UPLOAD_MB: "1" });
  await importFile(rt, "COTAHIST_DEMO_12022003.TXT", Bun.file(DEMO));
});
afterAll(() => rt.close());

const page = async (path: string) => (await rt.get(path)).text();

describe("GET /quotes", () => {
  test("an upload form that works without JavaScript, and the imports with their progress and counters", async () => {
    const html = await page("/quotes");
    expect(html).toContain(
      '<form id="upload-form" class="upload" method="post" action="/quotes/upload" enctype="multipart/form-data" hx-post="/quotes/upload"',
    );
    expect(html).toContain('<input id="upload-file" type="file" name="file" required>');
    expect(html).toMatch(/<tr id="import-\d+" class="import" data-status="done">/);
    expect(html).toContain('<progress max="100" value="100"');
    expect(html).toContain('<td class="num rows-inserted">551</td>');
    expect(html).toContain('<a href="/quotes/PETR4">PETR4</a>');
  });

  test("one SSE connection, and no inline script, style or handler", async () => {
    const html = await page("/quotes");
    expect(html.match(/hx-sse:connect=/g)).toEqual(["hx-sse:connect="]);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\s(on[a-z]+|style)=/i);
  });

  test("a hostile file name is shown as text", async () => {
    await importFile(rt, '<img src=x onerror="alert(1)">.TXT', Bun.file(DEMO));
    const html = await page("/quotes");
    expect(html).toContain('<span class="file-name">&lt;img src=x onerror=&quot;alert(1)&quot;&gt;.TXT</span>');
    expect(html).not.toContain("<img");
  });
});

describe("POST /quotes/upload", () => {
  test("without JavaScript: 303 back to /quotes, where the import is listed", async () => {
    const res = await upload(rt, "plain.TXT", Bun.file(DEMO), "/quotes/upload");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/quotes");
    const list = (await (await rt.get("/api/imports")).json()) as { imports: { id: number; fileName: string }[] };
    expect(list.imports[0]?.fileName).toBe("plain.TXT");
    await finished(rt, list.imports[0]!.id);
  });

  test("with htmx: the form comes back cleared with a notice (the page's stream brings the new row)", async () => {
    const res = await upload(rt, "htmx.TXT", Bun.file(DEMO), "/quotes/upload", { "HX-Request": "true" });
    expect(res.status).toBe(202);
    const html = await res.text();
    expect(html).toStartWith('<hx-partial hx-target="#upload-form" hx-swap="outerHTML">');
    expect(html).toContain(
      '<p id="upload-notice" class="form-notice" role="status">htmx.TXT was uploaded: its import is under way.</p>',
    );
    expect(html).not.toContain("#import-rows");
  });

  test("too large: the form says so inline (htmx) or on the page (plain), with 413", async () => {
    const big = new Uint8Array(1024 * 1024 + 10);
    const htmx = await upload(rt, "big.TXT", big, "/quotes/upload", { "HX-Request": "true" });
    expect(htmx.status).toBe(413);
    expect(await htmx.text()).toContain(
      '<p id="upload-error" class="form-error" role="alert">the upload is larger than 1 MB (MAX_UPLOAD_MB); nothing was kept</p>',
    );
    const plain = await upload(rt, "big.TXT", big, "/quotes/upload");
    expect(plain.status).toBe(413);
    expect(await plain.text()).toContain("<title>B3 quotes · Tickertape</title>");
  });

  const noFile = new FormData();
  noFile.set("other", "x");
  test.each([
    ["no file", noFile, {}, 400, "choose a file to upload (a multipart field named file)"],
    [
      "not multipart",
      "{}",
      { "Content-Type": "application/json" },
      415,
      "Send the file as multipart/form-data, in a field named file",
    ],
    [
      "an unreadable multipart body",
      "no boundary here",
      { "Content-Type": "multipart/form-data; boundary=x" },
      400,
      "the upload could not be read (the body has no multipart boundary)",
    ],
  ])("%s: the form says why, with the status the API answers", async (_, body, headers, status, message) => {
    for (const extra of [{ "HX-Request": "true" }, {}] as Record<string, string>[]) {
      const res = await rt.get("/quotes/upload", { method: "POST", body, headers: { ...headers, ...extra } });
      expect(res.status).toBe(status);
      expect(await res.text()).toContain(`<p id="upload-error" class="form-error" role="alert">${message}</p>`);
    }
  });
});

describe("GET /quotes/:ticker", () => {
  test("a candlestick chart and a table of the days", async () => {
    const html = await page("/quotes/PETR4");
    expect(html).toContain('<h1>PETR4 <span class="issuer">PETROBRAS PN</span></h1>');
    expect(html.match(/<g class="candle (up|down)">/g)).toEqual(['<g class="candle up">']);
    expect(html).toContain("<title>2003-02-12 · open 46.70 · high 47.10 · low 45.90 · close 46.85</title>");
    expect(html).toContain('<td class="num close">46.85</td>');
    expect(html).toContain('<dd class="max-range">47.10</dd>');
    expect(html).toContain('<dd class="max-volume">1,291,300</dd>');
  });

  test("each date label sits under the candle it names", async () => {
    await importFile(rt, "three-days.TXT", latin1(cotahistText({ records: 30, perDay: 10, startDate: "2024-01-02" })));
    const html = await page(`/quotes/${generatedTicker(0)}`);
    const wicks = html.matchAll(/<title>(\d{4}-\d{2}-\d{2}) ·[^<]*<\/title><line class="wick" x1="([\d.]+)"/g);
    const candleX = new Map([...wicks].map(([, date, x]) => [date, x]));
    const dates = /<g class="dates">(.*?)<\/g>/s.exec(html)?.[1] ?? "";
    const labels = [...dates.matchAll(/<text x="([\d.]+)" y="[\d.]+" text-anchor="middle">([^<]+)<\/text>/g)];
    expect(candleX.size).toBe(3);
    expect(labels.map(([, , date]) => date)).toEqual(["2024-01-02", "2024-01-03", "2024-01-04"]);
    for (const [, x, date] of labels) expect(x).toBe(candleX.get(date));
  });

  test("the busiest day is one of the days shown: trades of a ticker on the cash market are left out", async () => {
    const ticker = generatedTicker(0);
    const trades = `${NEGOCIOS_HEADER}\n2024-01-05;${ticker};0;10,5;999999999;100000000;1;1;2024-01-05;1;2\n`;
    expect(await importFile(rt, "big-day.txt", trades)).toMatchObject({ status: "done", rowsInserted: 1 });
    type Body = { daily: { market: number; quantity: number }[] };
    const body = (await (await rt.get(`/api/quotes/${ticker}`)).json()) as Body;
    const cash = body.daily.filter((q) => q.market === 10);
    const busiest = Math.max(...cash.map((q) => q.quantity));
    const html = await page(`/quotes/${ticker}`);
    expect(html).toContain(`<div><dt>Days</dt><dd>${cash.length}</dd></div>`);
    expect(html).toContain(`<dd class="max-volume">${busiest.toLocaleString("en-US")}</dd>`);
  });

  test("the lookup form opens a ticker; an unknown one is a page saying how to get it", async () => {
    const res = await rt.get("/quotes/find?ticker=+petr4+");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/quotes/PETR4");
    const unknown = await rt.get("/quotes/NOPE3");
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain(
      "No quotes or trades for NOPE3 yet: import a COTAHIST or NEGOCIOSAVISTA file that has it on /quotes",
    );
  });
});
