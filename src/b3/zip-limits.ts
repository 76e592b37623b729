import { ZipError } from "./zip-error.ts";

/** A zip listing more entries than this is refused. */
const MAX_ZIP_ENTRIES = 10_000;
/** An entry declared to inflate to more than this many times its compressed size is refused. */
const MAX_COMPRESSION_RATIO = 200;

/** Bytes `[start, end)` of a zip that belong to `name`: an entry, or the central directory. */
export interface ZipSpan {
  name: string;
  start: number;
  end: number;
}

/** What the size rules need of an entry, as its central directory declares it. */
export interface DeclaredSizes {
  name: string;
  compressedSize: number;
  size: number;
}

const count = (n: number): string => n.toLocaleString("en-US");

/** Refuse a zip listing more than MAX_ZIP_ENTRIES entries. */
export function checkEntryCount(entries: number): void {
  if (entries > MAX_ZIP_ENTRIES)
    throw new ZipError(
      `the zip is refused: it lists ${count(entries)} entries, more than the ${count(MAX_ZIP_ENTRIES)} allowed`,
    );
}

/**
 * Refuse a zip whose spans overlap: a zip bomb lists the same compressed bytes as many entries,
 * or hides them in its central directory.
 */
export function checkOverlaps(spans: readonly ZipSpan[]): void {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  for (const [i, after] of sorted.entries()) {
    const before = sorted[i - 1];
    if (before && before.end > after.start)
      throw new ZipError(
        `the zip is refused: the bytes of ${before.name} and ${after.name} overlap (as in a zip bomb)`,
      );
  }
}

/**
 * Refuse entries that would inflate past `maxBytes` all together, or one that would inflate more
 * than MAX_COMPRESSION_RATIO times its compressed size. The sizes are the declared ones: the
 * reader stops an entry that inflates past its declared size.
 */
export function checkUnzippedSize(entries: readonly DeclaredSizes[], maxBytes: number): void {
  let total = 0;
  for (const { name, compressedSize, size } of entries) {
    if (size > MAX_COMPRESSION_RATIO * compressedSize)
      throw new ZipError(
        `the zip is refused: "${name}" would inflate from ${count(compressedSize)} to ${count(size)} bytes, ` +
          `more than ${MAX_COMPRESSION_RATIO} times its compressed size (as in a zip bomb)`,
      );
    total += size;
  }
  const maxMb = count(maxBytes / 1024 / 1024);
  if (total > maxBytes)
    throw new ZipError(
      `the zip is refused: its files would inflate to ${count(total)} bytes, more than MAX_UNZIPPED_MB (${maxMb} MB)`,
    );
}
