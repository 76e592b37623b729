import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { cotahistText, generatedTicker } from "../../scripts/generate-b3/cotahist.ts";
import { negociosText } from "../../scripts/generate-b3/negocios.ts";
import { zipOf } from "../../scripts/generate-b3/zip.ts";
import { type B3Runtime, countQuotes, DEMO, importFile, latin1, startB3Runtime } from "./support.ts";

let rt: B3Runtime;
beforeAll(async () => {
  rt = await startB3Runtime();
});
afterAll(() => rt.close());

/** Each test uses its own trading days, so row counts do not mix. */
const day = (n: number) => `2024-0${n}-01`;
const quotesOn = (date: string) => countQuotes(rt, `&from=${date}&to=${date}`);

describe("generated COTAHIST files", () => {
  test("CRLF or LF, with or without a blank last line: the same rows", async () => {
    const crlf = await importFile(
      rt,
      "crlf.TXT",
      latin1(cotahistText({ records: 50, startDate: day(1), eol: "\r\n" })),
    );
    const lf = await importFile(
      rt,
      "lf.TXT",
      latin1(cotahistText({ records: 50, startDate: day(1), eol: "\n", blankLastLine: true })),
    );
    expect(crlf).toMatchObject({ status: "done", linesRead: 52, rowsInserted: 50, rowsRejected: 0 });
    expect(lf).toMatchObject({ status: "done", linesRead: 53, rowsInserted: 0, rowsDuplicate: 50, rowsRejected: 0 });
    expect(await quotesOn("2024-01-01")).toBe(50);
  });

  test("two records with one identity (date, ticker, market, term) in a file: the first is kept, the second counted as present", async () => {
    const lines = cotahistText({ records: 3, startDate: "2024-09-02" }).split("\r\n");
    const twin = `${lines[1]!.slice(0, 108)}0000000009999${lines[1]!.slice(121)}`;
    const text = [
      lines[0],
      lines[1],
      lines[2],
      twin,
      lines[3],
      lines[4]!.replace("00000000005", "00000000006"),
      "",
    ].join("\r\n");
    expect(await importFile(rt, "twins.TXT", latin1(text))).toMatchObject({
      status: "done",
      rowsInserted: 3,
      rowsDuplicate: 1,
    });
    const { daily } = (await (await rt.get(`/api/quotes/${generatedTicker(0)}`)).json()) as {
      daily: { date: string; close: number }[];
    };
    expect(daily.find((q) => q.date === "2024-09-02")?.close).not.toBe(99.99);
  });

  test("ISO-8859-1 names are decoded: AÇÚCAR GUARÁ", async () => {
    await importFile(rt, "latin1.TXT", latin1(cotahistText({ records: 1, startDate: day(2), issuer: "AÇÚCAR GUARÁ" })));
    const { daily } = (await (await rt.get(`/api/quotes/${generatedTicker(0)}`)).json()) as {
      daily: { issuer: string; date: string }[];
    };
    expect(daily.find((q) => q.date === "2024-02-01")?.issuer).toBe("AÇÚCAR GUARÁ");
  });

  test("bad lines in the middle are counted, the first ones kept with line number, reason and text; the rest is imported", async () => {
    const status = await importFile(
      rt,
      "bad.TXT",
      latin1(cotahistText({ records: 20, startDate: day(3), badLines: [5, 9, 13] })),
    );
    expect(status).toMatchObject({ status: "done", rowsInserted: 17, rowsRejected: 3 });
    expect(status.errors.map((e) => [e.line, e.reason])).toEqual([
      [5, 'DATA "20241332" is not a date (AAAAMMDD)'],
      [9, "a quote record is 245 characters long, this line has 120"],
      [13, 'PREABE (open) at positions 57–69 is "00000000A4670", which the layout does not allow'],
    ]);
    expect(status.errors[1]?.text).toHaveLength(120);
    expect(await quotesOn("2024-03-01")).toBe(17);
  });

  test("a wrong trailer count fails the file with a clear message, and rows already written are removed", async () => {
    const records = 4500; // several transactions, whichever way rows are written
    const status = await importFile(
      rt,
      "COTAHIST_A2024.TXT",
      latin1(cotahistText({ records, perDay: records, startDate: day(4), trailerCount: records + 1 })),
    );
    expect(status.status).toBe("failed");
    expect(status.failure).toBe(
      `COTAHIST_A2024.TXT: the trailer (line ${records + 2}) says the file has ${records + 1} records, header and trailer included, but it has ${records + 2}: the file is incomplete or was altered. No rows of this file were kept (the ${records} rows it had written were removed).`,
    );
    expect(status.rowsInserted).toBe(0);
    expect(await quotesOn("2024-04-01")).toBe(0);
  });

  test("a failed re-import removes only its own rows, never those of an earlier import", async () => {
    await importFile(rt, "good.TXT", latin1(cotahistText({ records: 30, startDate: day(5) })));
    const overlapping = await importFile(
      rt,
      "longer.TXT",
      latin1(cotahistText({ records: 40, startDate: day(5), trailerCount: 7 })),
    );
    expect(overlapping.status).toBe("failed");
    expect(await quotesOn("2024-05-01")).toBe(30);
  });
});

describe("what is not a B3 file", () => {
  test.each([
    ["an empty file", "empty.TXT", "", "empty.TXT is empty: expected a COTAHIST file"],
    [
      "a picture",
      "photo.TXT",
      "\x89PNG\r\n\x1a\n",
      "photo.TXT is not a file this importer reads: expected a COTAHIST file",
    ],
    [
      "a CSV of something else",
      "prices.csv",
      "date,close\n2024-01-01,10\n",
      'prices.csv is not a file this importer reads: expected a COTAHIST file (first line "00COTAHIST…")',
    ],
  ])("%s fails the import with what was expected", async (_, name, content, message) => {
    const status = await importFile(rt, name, latin1(content));
    expect(status).toMatchObject({ status: "failed", format: "unknown", rowsInserted: 0 });
    expect(status.failure).toStartWith(message);
  });
});

describe("zips", () => {
  test("several files in one zip are imported one by one; __MACOSX/ and dot-files are ignored", async () => {
    const zip = zipOf([
      { name: "COTAHIST_D01062024.TXT", data: latin1(cotahistText({ records: 10, startDate: day(6) })) },
      { name: "__MACOSX/._COTAHIST_D01062024.TXT", data: latin1("\x00\x05\x16\x07junk") },
      { name: ".DS_Store", data: latin1("junk") },
      {
        name: "trades/NEGOCIOSAVISTA.txt",
        data: latin1(negociosText({ trades: 5, instruments: ["ZIPT3"] })),
        stored: true,
      },
    ]);
    const status = await importFile(rt, "both.zip", zip);
    expect(status).toMatchObject({
      status: "done",
      format: "zip",
      rowsInserted: 15,
      rowsRejected: 0,
      linesRead: 12 + 6,
    });
    expect(await quotesOn("2024-06-03")).toBe(10);
  });

  test("a bad line inside a zip is reported with the file it is in", async () => {
    const zip = zipOf([
      { name: "inner.TXT", data: latin1(cotahistText({ records: 5, startDate: day(7), badLines: [3] })) },
    ]);
    const status = await importFile(rt, "bad.zip", zip);
    expect(status.errors).toEqual([expect.objectContaining({ entry: "inner.TXT", line: 3 })]);
  });

  test("a zip holding anything else fails, naming the entry and what was expected", async () => {
    const zip = zipOf([
      { name: "COTAHIST_D01082024.TXT", data: latin1(cotahistText({ records: 3, startDate: day(8) })) },
      { name: "readme.md", data: latin1("# hello") },
    ]);
    const status = await importFile(rt, "mixed.zip", zip);
    expect(status.status).toBe("failed");
    expect(status.failure).toStartWith("readme.md is not a file this importer reads: expected a COTAHIST file");
    expect(await quotesOn("2024-08-01")).toBe(0);
  });

  test("a zip with only macOS metadata holds nothing to import", async () => {
    const status = await importFile(rt, "meta.zip", zipOf([{ name: "__MACOSX/._x", data: latin1("x") }]));
    expect(status.failure).toStartWith(
      "meta.zip holds no file to import: expected COTAHIST or NEGOCIOSAVISTA files in the zip",
    );
  });

  test("the demo zipped imports exactly like the demo", async () => {
    const fresh = await startB3Runtime();
    try {
      const status = await importFile(
        fresh,
        "COTAHIST_D12022003.ZIP",
        zipOf([{ name: "COTAHIST_D12022003.TXT", data: await Bun.file(DEMO).bytes() }]),
      );
      expect(status).toMatchObject({ status: "done", rowsInserted: 551, linesRead: 553 });
    } finally {
      await fresh.close();
    }
  });
});
