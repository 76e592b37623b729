import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { storeUpload, UploadTooLarge } from "../../src/b3/upload-file.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "upload-file-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** `sizes.length` chunks of those sizes, each byte its offset in the whole modulo 251 (a prime: no chunk repeats another). */
function chunksOf(sizes: number[]): Uint8Array[] {
  let offset = 0;
  return sizes.map((size) => Uint8Array.from({ length: size }, () => offset++ % 251));
}

async function* arriving(chunks: Uint8Array[]): AsyncIterable<Uint8Array> {
  yield* chunks;
}

const MB = 1024 * 1024;

describe("storing an upload as it arrives", () => {
  test("chunks of every size, across the write buffer's edges, are stored whole and in order", async () => {
    const chunks = chunksOf([1, 65_536, 700_000, 1_500_000, MB - 1, 3, 2 * MB + 17]);
    const stored = await storeUpload(dir, arriving(chunks), 10 * MB);
    const expected = Buffer.concat(chunks);
    expect(stored.bytes).toBe(expected.length);
    expect(Buffer.from(await readFile(stored.path)).equals(expected)).toBe(true);
    expect(Buffer.from(stored.head).equals(expected.subarray(0, stored.head.length))).toBe(true);
    expect(await readdir(dir)).toEqual([stored.path.slice(dir.length + 1)]);
  });

  test("an empty upload is an empty file", async () => {
    const stored = await storeUpload(dir, arriving([]), MB);
    expect(stored.bytes).toBe(0);
    expect((await readFile(stored.path)).length).toBe(0);
  });

  test("past the cap: UploadTooLarge, and nothing is left in the directory", async () => {
    const chunks = chunksOf([MB, MB, MB]);
    await expect(storeUpload(dir, arriving(chunks), 2 * MB + 1)).rejects.toBeInstanceOf(UploadTooLarge);
    expect(await readdir(dir)).toEqual([]);
  });

  test("a body that fails while arriving: the error is kept, and nothing is left", async () => {
    async function* failing(): AsyncIterable<Uint8Array> {
      yield new Uint8Array(1_500_000);
      throw new Error("the client went away");
    }
    await expect(storeUpload(dir, failing(), 10 * MB)).rejects.toThrow("the client went away");
    expect(await readdir(dir)).toEqual([]);
  });
});
