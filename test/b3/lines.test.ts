import { describe, expect, test } from "bun:test";
import { MAX_LINE_CHARS, splitLines } from "../../src/b3/lines.ts";

/** `text` as bytes cut into chunks of `size`, so that lines, CRLFs and characters straddle chunks. */
async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}
const lines = async (bytes: Uint8Array, size: number, encoding: "latin1" | "utf-8" = "latin1") => {
  const out: string[] = [];
  for await (const batch of splitLines(chunked(bytes, size), encoding)) out.push(...batch);
  return out;
};
const latin1 = (text: string) => new Uint8Array(Buffer.from(text, "latin1"));

describe("splitting a stream into lines", () => {
  test.each([1, 2, 3, 7, 1024])("CRLF and LF give the same lines, whatever the chunk size (%i bytes)", async (size) => {
    expect(await lines(latin1("00HEAD\r\n01AÇÚCAR\r\n99TAIL\r\n"), size)).toEqual(["00HEAD", "01AÇÚCAR", "99TAIL"]);
    expect(await lines(latin1("00HEAD\n01AÇÚCAR\n99TAIL"), size)).toEqual(["00HEAD", "01AÇÚCAR", "99TAIL"]);
  });

  test("a blank last line comes out as an empty line (the parsers skip it)", async () => {
    expect(await lines(latin1("a\r\nb\r\n\r\n"), 4)).toEqual(["a", "b", ""]);
  });

  test("UTF-8 characters cut between chunks are decoded whole, and a byte-order mark is dropped", async () => {
    const bytes = new Uint8Array(Buffer.from("\ufeffDataReferencia;Ação\nPETR4;Ünï\n", "utf8"));
    expect(await lines(bytes, 1, "utf-8")).toEqual(["DataReferencia;Ação", "PETR4;Ünï"]);
  });

  test("a line without an end that never stops is cut, so memory stays flat", async () => {
    const out = await lines(latin1(`${"x".repeat(MAX_LINE_CHARS * 3)}\nnext\n`), 4096);
    expect(out.map((l) => l.length)).toEqual([MAX_LINE_CHARS, 4]);
  });
});
