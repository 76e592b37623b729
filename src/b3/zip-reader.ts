import { crc32 } from "node:zlib";
import { ZipError } from "./zip-error.ts";
import { checkEntryCount, checkOverlaps, type ZipSpan } from "./zip-limits.ts";

/** One file inside a zip, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate. */
  method: number;
  encrypted: boolean;
  compressedSize: number;
  size: number;
  crc: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const LOCAL_HEADER_BYTES = 30;
const MAX_COMMENT = 0xffff;
const MAX_DIRECTORY_BYTES = 64 * 1024 * 1024;
const utf8 = new TextDecoder("utf-8");
const latin1 = new TextDecoder("latin1");

async function bytesAt(path: string, offset: number, length: number): Promise<DataView> {
  const bytes = await Bun.file(path)
    .slice(offset, offset + length)
    .bytes();
  if (bytes.length < length) throw new ZipError("the zip is truncated: it ends before its central directory says");
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

const u64 = (view: DataView, at: number): number => Number(view.getBigUint64(at, true));

/** Where the central directory is and how many entries it has (zip64 aware). */
async function findDirectory(path: string, size: number): Promise<{ offset: number; length: number; entries: number }> {
  const tailLength = Math.min(size, 22 + MAX_COMMENT);
  const tail = await bytesAt(path, size - tailLength, tailLength);
  let at = tailLength - 22;
  while (at >= 0 && tail.getUint32(at, true) !== EOCD) at--;
  if (at < 0) throw new ZipError("the zip has no central directory: it is truncated or not a zip");
  let entries = tail.getUint16(at + 10, true);
  let length = tail.getUint32(at + 12, true);
  let offset = tail.getUint32(at + 16, true);
  if (
    (entries === 0xffff || length === 0xffffffff || offset === 0xffffffff) &&
    at >= 20 &&
    tail.getUint32(at - 20, true) === ZIP64_LOCATOR
  ) {
    const record = await bytesAt(path, u64(tail, at - 20 + 8), 56);
    if (record.getUint32(0, true) !== ZIP64_EOCD) throw new ZipError("the zip's zip64 directory record is damaged");
    entries = u64(record, 32);
    length = u64(record, 40);
    offset = u64(record, 48);
  }
  if (length > MAX_DIRECTORY_BYTES)
    throw new ZipError(`the zip's central directory is ${length} bytes: too many entries`);
  return { offset, length, entries };
}

/** The values a zip64 extra field (0x0001) carries for the fields marked 0xffffffff. */
function zip64Extra(
  view: DataView,
  start: number,
  end: number,
  wanted: { size: boolean; compressed: boolean; offset: boolean },
) {
  for (let at = start; at + 4 <= end; ) {
    const id = view.getUint16(at, true);
    const length = view.getUint16(at + 2, true);
    if (id === 0x0001) {
      let p = at + 4;
      const next = () => {
        p += 8;
        return u64(view, p - 8);
      };
      return {
        size: wanted.size ? next() : undefined,
        compressed: wanted.compressed ? next() : undefined,
        offset: wanted.offset ? next() : undefined,
      };
    }
    at += 4 + length;
  }
  return {};
}

/**
 * The entries of the zip at `path`, read from its central directory (the authoritative list,
 * right even when entries were written with data descriptors). A zip listing more than 10,000
 * entries, or whose entries' bytes overlap (each other or the central directory), is refused with a
 * ZipError before anything is inflated.
 */
export async function readZipDirectory(path: string): Promise<ZipEntry[]> {
  const size = Bun.file(path).size;
  const dir = await findDirectory(path, size);
  checkEntryCount(dir.entries);
  const view = await bytesAt(path, dir.offset, dir.length);
  const entries: ZipEntry[] = [];
  const spans: ZipSpan[] = [{ name: "the central directory", start: dir.offset, end: dir.offset + dir.length }];
  for (let at = 0; entries.length < dir.entries; ) {
    if (at + 46 > view.byteLength || view.getUint32(at, true) !== CENTRAL)
      throw new ZipError("the zip's central directory is damaged");
    const flags = view.getUint16(at + 8, true);
    const [nameLength, extraLength, commentLength] = [
      view.getUint16(at + 28, true),
      view.getUint16(at + 30, true),
      view.getUint16(at + 32, true),
    ];
    const nameBytes = new Uint8Array(view.buffer, view.byteOffset + at + 46, nameLength);
    let [compressedSize, entrySize, localOffset] = [
      view.getUint32(at + 20, true),
      view.getUint32(at + 24, true),
      view.getUint32(at + 42, true),
    ];
    const wanted = {
      size: entrySize === 0xffffffff,
      compressed: compressedSize === 0xffffffff,
      offset: localOffset === 0xffffffff,
    };
    if (wanted.size || wanted.compressed || wanted.offset) {
      const extra = zip64Extra(view, at + 46 + nameLength, at + 46 + nameLength + extraLength, wanted);
      [entrySize, compressedSize, localOffset] = [
        extra.size ?? entrySize,
        extra.compressed ?? compressedSize,
        extra.offset ?? localOffset,
      ];
    }
    const name = (flags & 0x800 ? utf8 : latin1).decode(nameBytes);
    entries.push({
      name,
      method: view.getUint16(at + 10, true),
      encrypted: (flags & 1) === 1,
      compressedSize,
      size: entrySize,
      crc: view.getUint32(at + 16, true),
      localOffset,
    });
    // At least this much is the entry's: its local header (its extra field may add more) and its data.
    const end = localOffset + LOCAL_HEADER_BYTES + nameLength + compressedSize;
    spans.push({ name: JSON.stringify(name), start: localOffset, end });
    at += 46 + nameLength + extraLength + commentLength;
  }
  checkOverlaps(spans);
  return entries;
}

/**
 * The uncompressed bytes of `entry`, streamed; `onCompressed` hears how many compressed bytes
 * were consumed. Inflating stops as soon as the entry goes past its declared size (the directory
 * may lie); the CRC and size are checked at the end: a damaged entry fails the import.
 */
export async function* zipEntryChunks(
  path: string,
  entry: ZipEntry,
  onCompressed: (bytes: number) => void,
): AsyncGenerator<Uint8Array> {
  if (entry.encrypted) throw new ZipError(`${entry.name}: the zip entry is encrypted`);
  if (entry.method !== 0 && entry.method !== 8)
    throw new ZipError(
      `${entry.name}: the zip entry uses compression method ${entry.method}; only stored (0) and deflate (8) are supported`,
    );
  const local = await bytesAt(path, entry.localOffset, LOCAL_HEADER_BYTES);
  if (local.getUint32(0, true) !== LOCAL) throw new ZipError(`${entry.name}: the zip entry's local header is damaged`);
  const start = entry.localOffset + LOCAL_HEADER_BYTES + local.getUint16(26, true) + local.getUint16(28, true);
  const counted = Bun.file(path)
    .slice(start, start + entry.compressedSize)
    .stream()
    .pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform: (chunk, out) => {
          onCompressed(chunk.length);
          out.enqueue(chunk);
        },
      }),
    );
  const chunks =
    entry.method === 8
      ? counted.pipeThrough(
          new DecompressionStream("deflate-raw") as unknown as TransformStream<Uint8Array, Uint8Array>,
        )
      : counted;
  let crc = 0;
  let size = 0;
  try {
    for await (const chunk of chunks) {
      size += chunk.length;
      if (size > entry.size)
        throw new ZipError(
          `the zip is refused: "${entry.name}" inflates to more than the ${entry.size} bytes its central directory declares`,
        );
      crc = crc32(chunk, crc);
      yield chunk;
    }
  } catch (error) {
    if (error instanceof ZipError) throw error;
    throw new ZipError(
      `${entry.name}: the zip entry cannot be decompressed (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (size !== entry.size || crc !== entry.crc)
    throw new ZipError(`${entry.name}: the zip entry is damaged (its size or CRC does not match the directory)`);
}
