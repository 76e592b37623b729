/**
 * Zips no honest tool writes, made from a one-entry `zipOf` zip (local header at 0, no comment):
 * what zip bombs and liars look like.
 */

const EOCD_BYTES = 22;
const CENTRAL_SIZE_AT = 24;
const LOCAL_SIZE_AT = 22;

function layout(zip: Uint8Array) {
  const bytes = Buffer.from(zip);
  const end = bytes.subarray(bytes.length - EOCD_BYTES);
  const directoryLength = end.readUInt32LE(12);
  const directoryOffset = end.readUInt32LE(16);
  return { bytes, end, directory: bytes.subarray(directoryOffset, directoryOffset + directoryLength), directoryOffset };
}

/** The zip's one entry listed `times` times by its central directory, every listing pointing at the same bytes. */
export function listedTimes(zip: Uint8Array, times: number): Buffer {
  const { bytes, end, directory, directoryOffset } = layout(zip);
  const newEnd = Buffer.from(end);
  newEnd.writeUInt16LE(times, 8);
  newEnd.writeUInt16LE(times, 10);
  newEnd.writeUInt32LE(directory.length * times, 12);
  return Buffer.concat([bytes.subarray(0, directoryOffset), ...Array<Buffer>(times).fill(directory), newEnd]);
}

/** The zip with its one entry's uncompressed size declared as `size` (its CRC left as it is). */
export function declaringSize(zip: Uint8Array, size: number): Buffer {
  const { bytes, directoryOffset } = layout(zip);
  const copy = Buffer.from(bytes);
  copy.writeUInt32LE(size, LOCAL_SIZE_AT);
  copy.writeUInt32LE(size, directoryOffset + CENTRAL_SIZE_AT);
  return copy;
}
