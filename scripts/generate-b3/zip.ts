import { crc32, deflateRawSync } from "node:zlib";

/** A file to put in a zip. */
export interface ZipInput {
  name: string;
  data: Uint8Array;
  /** Store instead of deflate. */
  stored?: boolean;
}

const u16 = (n: number) => Buffer.from([n & 0xff, (n >>> 8) & 0xff]);
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};

/**
 * A zip of `inputs` (deflate or stored, UTF-8 names, no zip64): enough for test files, which
 * can then hold `__MACOSX/` entries, dot-files and several data files.
 */
export function zipOf(inputs: readonly ZipInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const input of inputs) {
    const name = Buffer.from(input.name, "utf8");
    const data = input.stored ? Buffer.from(input.data) : deflateRawSync(input.data);
    const method = input.stored ? 0 : 8;
    const crc = crc32(input.data);
    const common = Buffer.concat([
      u16(20),
      u16(0x800),
      u16(method),
      u16(0),
      u16(0x21),
      u32(crc),
      u32(data.length),
      u32(input.data.length),
      u16(name.length),
      u16(0),
    ]);
    const local = Buffer.concat([u32(0x04034b50), common, name, data]);
    centrals.push(Buffer.concat([u32(0x02014b50), u16(20), common, u16(0), u16(0), u16(0), u32(0), u32(offset), name]));
    locals.push(local);
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.concat([
    u32(0x06054b50),
    u16(0),
    u16(0),
    u16(inputs.length),
    u16(inputs.length),
    u32(directory.length),
    u32(offset),
    u16(0),
  ]);
  return Buffer.concat([...locals, directory, end]);
}
