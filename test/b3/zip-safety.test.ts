import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cotahistText } from "../../scripts/generate-b3/cotahist.ts";
import { zipOf } from "../../scripts/generate-b3/zip.ts";
import { ImportFailure } from "../../src/b3/import-failure.ts";
import { ZipError } from "../../src/b3/zip-error.ts";
import { readZipDirectory } from "../../src/b3/zip-reader.ts";
import { declaringSize, listedTimes } from "./crafted-zips.ts";
import { type B3Runtime, countQuotes, importFile, latin1, startB3Runtime } from "./support.ts";

let rt: B3Runtime;
beforeAll(async () => {
  rt = await startB3Runtime({ MAX_UNZIPPED_MB: "1" });
});
const dir = await mkdtemp(join(tmpdir(), "tickertape-zip-safety-"));
afterAll(async () => {
  await rt.close();
  await rm(dir, { recursive: true, force: true });
});

/** A COTAHIST file of `records` quotes on `date` (its own day, so tests do not mix rows). */
const cotahist = (date: string, records = 20) => latin1(cotahistText({ records, perDay: records, startDate: date }));
const quotesOn = (date: string) => countQuotes(rt, `&from=${date}&to=${date}`);

/** A one-quote COTAHIST file padded with `blankLines` blank lines (skipped on import): it compresses about 1000:1. */
function padded(date: string, blankLines: number): Uint8Array {
  const [header, quote, trailer] = cotahistText({ records: 1, startDate: date }).split("\r\n");
  return latin1(`${header}\r\n${quote}\r\n${"\r\n".repeat(blankLines)}${trailer}\r\n`);
}

describe("a zip is checked from its central directory before anything is inflated", () => {
  test("one entry listed ten times (overlapping entries, as in a zip bomb) fails the import, saying so", async () => {
    const status = await importFile(
      rt,
      "bomb.zip",
      listedTimes(zipOf([{ name: "COTAHIST_D02012023.TXT", data: cotahist("2023-01-02") }]), 10),
    );
    expect(status).toMatchObject({ status: "failed", format: "zip", rowsInserted: 0, rowsDuplicate: 0 });
    expect(status.failure).toBe(
      'the zip is refused: the bytes of "COTAHIST_D02012023.TXT" and "COTAHIST_D02012023.TXT" overlap ' +
        "(as in a zip bomb). No rows of this file were kept.",
    );
    expect(await quotesOn("2023-01-02")).toBe(0);
  });

  test("files inflating past MAX_UNZIPPED_MB fail the import, naming the variable", async () => {
    const data = cotahist("2023-01-03", 5000);
    const zip = zipOf([{ name: "COTAHIST_A2023.TXT", data }]);
    expect(zip.length).toBeLessThan(1024 * 1024);
    const status = await importFile(rt, "big.zip", zip);
    expect(status).toMatchObject({ status: "failed", rowsInserted: 0 });
    expect(status.failure).toBe(
      `the zip is refused: its files would inflate to ${data.length.toLocaleString("en-US")} bytes, ` +
        "more than MAX_UNZIPPED_MB (1 MB). No rows of this file were kept.",
    );
    expect(await quotesOn("2023-01-03")).toBe(0);
  });

  test("an entry compressed more than 200:1 fails the import, naming the entry and the ratio", async () => {
    const data = padded("2023-01-04", 200_000);
    const zip = zipOf([{ name: "COTAHIST_D04012023.TXT", data }]);
    const status = await importFile(rt, "dense.zip", zip);
    expect(status).toMatchObject({ status: "failed", rowsInserted: 0 });
    expect(status.failure).toStartWith('the zip is refused: "COTAHIST_D04012023.TXT" would inflate from ');
    expect(status.failure).toEndWith(
      ` to ${data.length.toLocaleString("en-US")} bytes, more than 200 times its compressed size (as in a zip bomb). ` +
        "No rows of this file were kept.",
    );
    expect(await quotesOn("2023-01-04")).toBe(0);
  });

  test("more than 10,000 entries fail the import", async () => {
    const forks = Array.from({ length: 10_000 }, (_, i) => ({
      name: `__MACOSX/._${i}`,
      data: latin1("x"),
      stored: true,
    }));
    const status = await importFile(
      rt,
      "many.zip",
      zipOf([{ name: "COTAHIST_D05012023.TXT", data: cotahist("2023-01-05") }, ...forks]),
    );
    expect(status).toMatchObject({ status: "failed", rowsInserted: 0 });
    expect(status.failure).toBe(
      "the zip is refused: it lists 10,001 entries, more than the 10,000 allowed. No rows of this file were kept.",
    );
    expect(await quotesOn("2023-01-05")).toBe(0);
  });

  test("an entry inflating past the size its directory declares is stopped there, and the import fails", async () => {
    const zip = declaringSize(zipOf([{ name: "COTAHIST_D06012023.TXT", data: cotahist("2023-01-06", 3000) }]), 1000);
    const status = await importFile(rt, "liar.zip", zip);
    expect(status).toMatchObject({ status: "failed", rowsInserted: 0, linesRead: 0 });
    expect(status.failure).toBe(
      'the zip is refused: "COTAHIST_D06012023.TXT" inflates to more than the 1000 bytes ' +
        "its central directory declares. No rows of this file were kept.",
    );
    expect(await quotesOn("2023-01-06")).toBe(0);
  });

  test("the zip reader throws its own error type, not the importer's", async () => {
    const path = join(dir, "bomb.zip");
    await Bun.write(path, listedTimes(zipOf([{ name: "a.TXT", data: cotahist("2023-01-07") }]), 2));
    const error = await readZipDirectory(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZipError);
    expect(error).not.toBeInstanceOf(ImportFailure);
  });
});
