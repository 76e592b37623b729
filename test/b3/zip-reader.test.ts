import { afterAll, describe, expect, test } from "bun:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipOf } from "../../scripts/generate-b3/zip.ts";
import { ImportFailure } from "../../src/b3/import-failure.ts";
import { readZipDirectory, zipEntryChunks } from "../../src/b3/zip-reader.ts";
import { TRADES, TRADES_ZIP } from "./support.ts";

const dir = await mkdtemp(join(tmpdir(), "tickertape-zip-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

const write = async (name: string, bytes: Uint8Array) => {
  const path = join(dir, name);
  await Bun.write(path, bytes);
  return path;
};
async function entryText(path: string, name: string): Promise<string> {
  const entry = (await readZipDirectory(path)).find((e) => e.name === name);
  if (!entry) throw new Error(`no ${name} in ${path}`);
  const parts: Uint8Array[] = [];
  for await (const chunk of zipEntryChunks(path, entry, () => {})) parts.push(chunk);
  return Buffer.concat(parts).toString("utf8");
}

describe("reading a zip from its central directory", () => {
  test("the official sample lists the trades file and its macOS resource fork", async () => {
    const entries = await readZipDirectory(TRADES_ZIP);
    expect(entries.map((e) => e.name)).toEqual([
      "29-04-2025_NEGOCIOSAVISTA.txt",
      "__MACOSX/._29-04-2025_NEGOCIOSAVISTA.txt",
    ]);
    expect(await entryText(TRADES_ZIP, "29-04-2025_NEGOCIOSAVISTA.txt")).toBe(await Bun.file(TRADES).text());
  });

  test("stored and deflated entries come out byte for byte, and the consumed compressed bytes are counted", async () => {
    const big = `${"x".repeat(200_000)}end`;
    const path = await write(
      "two.zip",
      zipOf([
        { name: "a.txt", data: Buffer.from("stored"), stored: true },
        { name: "dir/b.txt", data: Buffer.from(big) },
      ]),
    );
    expect(await entryText(path, "a.txt")).toBe("stored");
    expect(await entryText(path, "dir/b.txt")).toBe(big);
    const entry = (await readZipDirectory(path))[1]!;
    let consumed = 0;
    for await (const _ of zipEntryChunks(path, entry, (n) => (consumed += n))) void _;
    expect(consumed).toBe(entry.compressedSize);
  });

  test("a damaged entry fails on its CRC; a truncated zip has no central directory", async () => {
    const good = zipOf([{ name: "a.txt", data: Buffer.from("hello world"), stored: true }]);
    const damaged = Buffer.from(good);
    damaged[30 + "a.txt".length] = "j".charCodeAt(0);
    const damagedPath = await write("damaged.zip", damaged);
    expect(entryText(damagedPath, "a.txt")).rejects.toThrow(
      new ImportFailure("a.txt: the zip entry is damaged (its size or CRC does not match the directory)"),
    );
    const truncated = await write("truncated.zip", good.subarray(0, good.length - 30));
    expect(readZipDirectory(truncated)).rejects.toThrow(
      "the zip has no central directory: it is truncated or not a zip",
    );
  });
});
