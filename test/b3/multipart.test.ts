import { describe, expect, test } from "bun:test";
import { boundaryOf, MultipartError, multipartParts } from "../../src/b3/multipart.ts";

/** A browser-like multipart body (built by the platform's own FormData encoder), split into `size`-byte chunks. */
async function encoded(form: FormData, size: number): Promise<{ body: ReadableStream<Uint8Array>; type: string }> {
  const request = new Request("http://x/", { method: "POST", body: form });
  const type = request.headers.get("content-type") ?? "";
  const bytes = new Uint8Array(await request.arrayBuffer());
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let at = 0; at < bytes.length; at += size) controller.enqueue(bytes.slice(at, at + size));
      controller.close();
    },
  });
  return { body, type };
}

async function readParts(body: ReadableStream<Uint8Array>, type: string) {
  const parts: { name: string; fileName: string | undefined; bytes: Buffer }[] = [];
  for await (const part of multipartParts(body, boundaryOf(type)!)) {
    const chunks: Uint8Array[] = [];
    for await (const chunk of part.chunks) chunks.push(chunk);
    parts.push({ name: part.name, fileName: part.fileName, bytes: Buffer.concat(chunks) });
  }
  return parts;
}

describe("streaming a multipart/form-data body", () => {
  const content = new Uint8Array(Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256));
  const form = () => {
    const f = new FormData();
    f.set("note", "hello");
    f.set("file", new Blob([content]), 'quote "d" name.txt');
    return f;
  };

  test.each([1, 5, 64, 4096, 1 << 20])("fields and a binary file come out intact, in %i-byte chunks", async (size) => {
    const { body, type } = await encoded(form(), size);
    const parts = await readParts(body, type);
    expect(parts.map((p) => [p.name, p.fileName])).toEqual([
      ["note", undefined],
      ["file", 'quote "d" name.txt'],
    ]);
    expect(parts[0]!.bytes.toString()).toBe("hello");
    expect(new Uint8Array(parts[1]!.bytes)).toEqual(content);
  });

  test("a part nobody reads is skipped", async () => {
    const { body, type } = await encoded(form(), 1000);
    const names: string[] = [];
    for await (const part of multipartParts(body, boundaryOf(type)!)) names.push(part.name);
    expect(names).toEqual(["note", "file"]);
  });

  test("a body cut before its closing boundary is an error, not a short file", async () => {
    const request = new Request("http://x/", { method: "POST", body: form() });
    const type = request.headers.get("content-type") ?? "";
    const bytes = new Uint8Array(await request.arrayBuffer());
    const body = new Blob([bytes.subarray(0, bytes.length - 100)]).stream();
    expect(readParts(body, type)).rejects.toThrow(new MultipartError("the upload ended before the file was complete"));
  });

  test("the boundary is read from the Content-Type, quoted or not", () => {
    expect(boundaryOf("multipart/form-data; boundary=abc")).toBe("abc");
    expect(boundaryOf('multipart/form-data; charset=utf-8; boundary="a b"')).toBe("a b");
    expect(boundaryOf("application/json")).toBeUndefined();
  });
});
