import { detectFormat, type FileFormat, HEAD_BYTES, refusal } from "./detect.ts";
import { ImportFailure } from "./import-failure.ts";
import { splitLines } from "./lines.ts";
import { checkUnzippedSize } from "./zip-limits.ts";
import { readZipDirectory, zipEntryChunks } from "./zip-reader.ts";

/** One file to import: the upload itself, or one entry of an uploaded zip. */
export interface Source {
  /** The upload's name, or the entry's name inside the zip. */
  name: string;
  /** Set for a zip entry. */
  entry: string | undefined;
  format: Exclude<FileFormat, "zip">;
  /** The decoded lines, a chunk's worth at a time. */
  lines: AsyncGenerator<string[]>;
}

/** `__MACOSX/` resource forks, dot-files and folders are not data. */
const isSkipped = (name: string): boolean =>
  name.endsWith("/") || name.startsWith("__MACOSX/") || name.split("/").some((part) => part.startsWith("."));

/** The first bytes of a stream, and the whole stream again (those bytes included). */
async function peek(chunks: AsyncIterable<Uint8Array>): Promise<{ head: Uint8Array; all: AsyncGenerator<Uint8Array> }> {
  const iterator = chunks[Symbol.asyncIterator]();
  const seen: Uint8Array[] = [];
  let length = 0;
  let ended = false;
  while (length < HEAD_BYTES && !ended) {
    const next = await iterator.next();
    if (next.done) ended = true;
    else {
      seen.push(next.value);
      length += next.value.length;
    }
  }
  const head = new Uint8Array(Math.min(length, HEAD_BYTES));
  let at = 0;
  for (const chunk of seen) {
    if (at >= head.length) break;
    head.set(chunk.subarray(0, head.length - at), at);
    at += Math.min(chunk.length, head.length - at);
  }
  async function* all(): AsyncGenerator<Uint8Array> {
    yield* seen;
    if (!ended) for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { head, all: all() };
}

function source(name: string, entry: string | undefined, head: Uint8Array, chunks: AsyncIterable<Uint8Array>): Source {
  const format = detectFormat(head);
  if (format === "empty" || format === "unknown") throw new ImportFailure(refusal(name, format, head));
  if (format === "zip")
    throw new ImportFailure(
      `${name} is a zip inside the zip: put the COTAHIST or NEGOCIOSAVISTA files in the zip directly`,
    );
  return { name, entry, format, lines: splitLines(chunks, format === "cotahist" ? "latin1" : "utf-8") };
}

async function* counted(
  chunks: AsyncIterable<Uint8Array>,
  onBytes: (bytes: number) => void,
): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    onBytes(chunk.length);
    yield chunk;
  }
}

/**
 * The files to import from the stored upload at `path`, one after the other; each is detected from
 * its content. `onBytes` hears the stored bytes consumed (compressed ones for a zip), for progress.
 * Throws ImportFailure for anything that is not a COTAHIST or NEGOCIOSAVISTA file or a zip of them,
 * ZipError for a zip that is damaged or would inflate past `maxUnzippedBytes` (checked before inflating).
 */
export async function* openSources(
  path: string,
  fileName: string,
  onBytes: (bytes: number) => void,
  maxUnzippedBytes: number,
): AsyncGenerator<Source> {
  if (!(await Bun.file(path).exists()))
    throw new ImportFailure(`${fileName}: the uploaded file is no longer on disk; upload it again`);
  const head = await Bun.file(path).slice(0, HEAD_BYTES).bytes();
  if (detectFormat(head) !== "zip") {
    yield source(fileName, undefined, head, counted(Bun.file(path).stream(), onBytes));
    return;
  }
  const entries = (await readZipDirectory(path)).filter((entry) => !isSkipped(entry.name));
  if (entries.length === 0)
    throw new ImportFailure(
      `${fileName} holds no file to import: expected COTAHIST or NEGOCIOSAVISTA files in the zip`,
    );
  checkUnzippedSize(entries, maxUnzippedBytes);
  for (const entry of entries) {
    const peeked = await peek(zipEntryChunks(path, entry, onBytes));
    yield source(entry.name, entry.name, peeked.head, peeked.all);
  }
}
