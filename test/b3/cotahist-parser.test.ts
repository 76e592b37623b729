import { describe, expect, test } from "bun:test";
import { CotahistParser, parseDailyQuote } from "../../src/b3/cotahist.ts";
import { ImportFailure } from "../../src/b3/import-failure.ts";
import { BadLine } from "../../src/b3/line-parser.ts";
import { DEMO } from "./support.ts";

const demoLines = async () =>
  Buffer.from(await Bun.file(DEMO).bytes())
    .toString("latin1")
    .split("\r\n");
const PETR4 =
  "012003021202PETR4       010PETROBRAS   PN           R$  000000000467000000000047100000000004590000000000466200000000046850000000004680000000000468500796000000000001291300000000006020588700000000000000009999123100000010000000000000BRPETRACNPR6147";

describe("a COTAHIST quote record", () => {
  test("every field of the layout is parsed with its implied decimals", () => {
    expect(parseDailyQuote(PETR4)).toEqual({
      date: "2003-02-12",
      bdi: "02",
      ticker: "PETR4",
      market: 10,
      term: "",
      issuer: "PETROBRAS",
      shareType: "PN",
      currency: "R$",
      open: 46.7,
      high: 47.1,
      low: 45.9,
      average: 46.62,
      close: 46.85,
      bestBid: 46.8,
      bestAsk: 46.85,
      trades: 796,
      quantity: 1_291_300,
      volume: 60_205_887,
      strike: 0,
      strikeCorrection: "0",
      expiry: null,
      factor: 1,
      strikePoints: 0,
      isin: "BRPETRACNPR6",
      distribution: "147",
    });
  });

  test("the strike in points has six implied decimals and a real expiry is a date", () => {
    const option = `${PETR4.slice(0, 188)}0000000004500${"0"}20030317${PETR4.slice(210, 217)}0000001234567${PETR4.slice(230)}`;
    expect(parseDailyQuote(option)).toMatchObject({
      strike: 45,
      strikeCorrection: "0",
      expiry: "2003-03-17",
      strikePoints: 1.234567,
    });
  });

  test.each([
    [PETR4.slice(0, 120), "a quote record is 245 characters long, this line has 120"],
    [
      `${PETR4.slice(0, 56)}00000000A4670${PETR4.slice(69)}`,
      'PREABE (open) at positions 57–69 is "00000000A4670", which the layout does not allow',
    ],
    [`01${"20031302"}${PETR4.slice(10)}`, 'DATA "20031302" is not a date (AAAAMMDD)'],
    [`${PETR4.slice(0, 12)}${" ".repeat(12)}${PETR4.slice(24)}`, "CODNEG (ticker) at positions 13–24 is blank"],
  ])("a broken record is refused with a reason a person can act on: %#", (line, reason) => {
    expect(() => parseDailyQuote(line)).toThrow(new BadLine(reason));
  });
});

describe("a COTAHIST file", () => {
  test("the official demo file: 551 records for 2003-02-12 and a trailer of 553 accepted", async () => {
    const parser = new CotahistParser("demo");
    const quotes = (await demoLines()).flatMap((line, i) => parser.line(line, i + 1) ?? []);
    parser.finish();
    expect(quotes).toHaveLength(551);
    expect(new Set(quotes.map((q) => (q.kind === "dailyQuote" ? q.dailyQuote.date : "")))).toEqual(
      new Set(["2003-02-12"]),
    );
  });

  test("a trailer whose count does not match fails the file, naming both counts", async () => {
    const lines = (await demoLines()).filter((line) => line !== "");
    const parser = new CotahistParser("COTAHIST_D12022003.TXT");
    lines
      .slice(0, 100)
      .concat(lines.at(-1)!)
      .forEach((line, i) => {
        parser.line(line, i + 1);
      });
    expect(() => parser.finish()).toThrow(
      new ImportFailure(
        "COTAHIST_D12022003.TXT: the trailer (line 101) says the file has 553 records, header and trailer included, but it has 101: the file is incomplete or was altered",
      ),
    );
  });

  test("a file without its trailer is reported as truncated", async () => {
    const parser = new CotahistParser("x.TXT");
    (await demoLines()).slice(0, 10).forEach((line, i) => {
      parser.line(line, i + 1);
    });
    expect(() => parser.finish()).toThrow("x.TXT: the file ends without its trailer record (99): it looks truncated");
  });

  test("blank lines are skipped; a record after the trailer or an unknown record type is a bad line", async () => {
    const [header = "", first = "", ...rest] = await demoLines();
    const parser = new CotahistParser("x");
    expect(parser.line(header, 1)).toBeUndefined();
    expect(parser.line("", 2)).toBeUndefined();
    expect(() => parser.line(`02${first.slice(2)}`, 3)).toThrow(
      'record type "02" is not 00 (header), 01 (quote) or 99 (trailer)',
    );
    expect(() => parser.line(header, 4)).toThrow("a second header record (00)");
    parser.line(rest.at(-2)!, 5);
    expect(() => parser.line(first, 6)).toThrow("a record after the trailer (line 5)");
  });
});
