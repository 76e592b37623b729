import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { cotahistText, generatedTicker } from "../../scripts/generate-b3/cotahist.ts";
import { type B3Runtime, countQuotes, DEMO, importFile, latin1, startB3Runtime } from "./support.ts";

const HEADER =
  "date,ticker,market,term,bdi,issuer,shareType,currency,open,high,low,average,close,bestBid,bestAsk,trades," +
  "quantity,volume,strike,strikeCorrection,expiry,factor,strikePoints,isin,distribution,importId\r\n";
/** One ticker on 5,003 trading days: more than a page of the export. */
const LONG = generatedTicker(0);
const LONG_DAYS = 5003;

let rt: B3Runtime;
beforeAll(async () => {
  rt = await startB3Runtime();
  await importFile(rt, "demo.TXT", Bun.file(DEMO));
  const issuer = 'AÇÚCAR, "Z"';
  await importFile(
    rt,
    "long.TXT",
    latin1(cotahistText({ records: LONG_DAYS, perDay: 1, startDate: "2004-01-02", issuer })),
  );
  // One day of 10 records, the tenth on the term market (30 days).
  await importFile(rt, "day.TXT", latin1(cotahistText({ records: 10, perDay: 10, startDate: "2024-01-02" })));
});
afterAll(() => rt.close());

const rowsOf = (text: string): string[] => text.split("\r\n").slice(1, -1);
const errorOf = async (path: string) => {
  const res = await rt.get(path);
  return { status: res.status, ...((await res.json()) as { error: { code: string; message: string } }).error };
};

describe("GET /api/quotes.csv", () => {
  test("a header naming every field of the quotes table, then the rows: ISO dates, decimal points", async () => {
    const res = await rt.get("/api/quotes.csv?ticker=vale3");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="quotes-VALE3-start-now.csv"');
    expect(await res.text()).toBe(
      `${HEADER}2003-02-12,VALE3,10,,02,VALE R DOCE,ON,R$,105.01,105.01,102.5,103.68,103.21,103.21,104.38,142,69500,7206414,0,0,,1,0,BRVALEACNOR0,159,1\r\n`,
    );
  });

  test("a term-market row gives its term in days", async () => {
    const [row] = rowsOf(await (await rt.get(`/api/quotes.csv?ticker=${generatedTicker(9)}`)).text());
    expect(row?.split(",").slice(0, 4)).toEqual(["2024-01-02", generatedTicker(9), "30", "30"]);
  });

  test("text holding a comma or quotes is quoted (RFC 4180), in UTF-8", async () => {
    const res = await rt.get(`/api/quotes.csv?ticker=${LONG}&to=2004-01-02`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(rowsOf(bytes.toString("utf8"))[0]).toStartWith(`2004-01-02,${LONG},10,,02,"AÇÚCAR, ""Z""",PN,R$,`);
    expect(bytes.includes(Buffer.from("AÇÚCAR", "utf8"))).toBe(true);
  });

  test("from and to are both included, and name the file", async () => {
    const res = await rt.get(`/api/quotes.csv?ticker=${LONG.toLowerCase()}&from=2004-01-05&to=2004-01-06`);
    expect(rowsOf(await res.text()).map((row) => row.slice(0, 10))).toEqual(["2004-01-05", "2004-01-06"]);
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="quotes-${LONG}-2004-01-05-2004-01-06.csv"`,
    );
  });

  test("every row once, oldest first, across pages: all quotes, and one ticker's", async () => {
    const all = await rt.get("/api/quotes.csv");
    expect(all.headers.get("content-disposition")).toBe('attachment; filename="quotes-all-start-now.csv"');
    const rows = rowsOf(await all.text());
    expect(rows).toHaveLength(await countQuotes(rt));
    const keys = rows.map((row) => row.split(",", 4).join(" "));
    expect(new Set(keys).size).toBe(rows.length);
    expect(keys.map((key) => key.slice(0, 10))).toEqual(keys.map((key) => key.slice(0, 10)).sort());

    const long = rowsOf(await (await rt.get(`/api/quotes.csv?ticker=${LONG}`)).text()).map((row) => row.slice(0, 10));
    expect(long).toHaveLength(LONG_DAYS + 1);
    expect(new Set(long).size).toBe(long.length);
    expect(long).toEqual([...long].sort());
  });

  test("a ticker with no quotes is the header alone", async () => {
    expect(await (await rt.get("/api/quotes.csv?ticker=NONE11")).text()).toBe(HEADER);
  });

  test("a bad parameter is a 400 naming it", async () => {
    expect(await errorOf("/api/quotes.csv?from=2024-02-30")).toEqual({
      status: 400,
      code: "invalid_parameter",
      message: "from: must be a date YYYY-MM-DD",
    });
    expect((await errorOf("/api/quotes.csv?from=2024-02-02&to=2024-02-01")).message).toBe(
      "to: must not be before from",
    );
    expect((await errorOf("/api/quotes.csv?ticker=PETR-4")).message).toStartWith("ticker: ");
  });
});

describe("links to the file", () => {
  const linkOf = (page: string) => /<a href="([^"]+)" download>([^<]+)<\/a>/.exec(page)?.slice(1);

  test("a ticker's page links to its quotes", async () => {
    const [href, text] = linkOf(await (await rt.get("/quotes/VALE3")).text()) ?? [];
    expect([href, text]).toEqual(["/api/quotes.csv?ticker=VALE3", "Download quotes CSV"]);
    expect(rowsOf(await (await rt.get(href!)).text())).toHaveLength(1);
  });

  test("/quotes links to all of them", async () => {
    const [href, text] = linkOf(await (await rt.get("/quotes")).text()) ?? [];
    expect([href, text]).toEqual(["/api/quotes.csv", "Download all quotes CSV"]);
  });
});
