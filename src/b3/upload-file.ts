import { randomUUID } from "node:crypto";
import { open, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { DomainError } from "../domain-error.ts";
import { HEAD_BYTES } from "./detect.ts";

/**
 * The upload went past the cap of `maxBytes` (MAX_UPLOAD_MB); nothing of it was kept.
 * @example throw new UploadTooLarge(1024 * 1024); // "file: the upload is larger than 1 MB (MAX_UPLOAD_MB); …"
 */
export class UploadTooLarge extends DomainError {
  constructor(maxBytes: number) {
    const mb = Math.round(maxBytes / 1024 / 1024);
    super("upload_too_large", `file: the upload is larger than ${mb} MB (MAX_UPLOAD_MB); nothing was kept`);
  }
}

export interface StoredUpload {
  /** A generated name in `dir`: the uploaded name is never used as a path. */
  path: string;
  bytes: number;
  /** The first bytes, for format detection. */
  head: Uint8Array;
}

/**
 * Bun's file writer copies each chunk into one buffer of this size and writes it when full, so the request
 * body's chunks are freed as they arrive instead of waiting on one `write` each.
 */
const WRITE_BUFFER_BYTES = 1024 * 1024;
/** Flushed (and awaited) about this often, so a slow disk holds the body back instead of piling it up. */
const FLUSH_EVERY_BYTES = 16 * WRITE_BUFFER_BYTES;

/** An upload still arriving; one left behind by a crash is removed at a later start. */
export const PARTIAL_SUFFIX = ".partial";

/**
 * Write an upload to `dir` as it arrives (memory stays flat), synced to disk before returning.
 * Past `maxBytes` the partial file is removed and UploadTooLarge thrown.
 * @example const { path, bytes, head } = await storeUpload("data/uploads", part.chunks, 1024 * 1024 * 1024);
 */
export async function storeUpload(
  dir: string,
  chunks: AsyncIterable<Uint8Array>,
  maxBytes: number,
): Promise<StoredUpload> {
  const name = randomUUID();
  const partial = join(dir, `${name}${PARTIAL_SUFFIX}`);
  const path = join(dir, `${name}.upload`);
  const file = await open(partial, "wx");
  const sink = Bun.file(file.fd).writer({ highWaterMark: WRITE_BUFFER_BYTES });
  const head = new Uint8Array(HEAD_BYTES);
  let bytes = 0;
  try {
    for await (const chunk of chunks) {
      if (bytes < HEAD_BYTES) head.set(chunk.subarray(0, HEAD_BYTES - bytes), bytes);
      bytes += chunk.length;
      if (bytes > maxBytes) throw new UploadTooLarge(maxBytes);
      await sink.write(chunk);
      if (bytes % FLUSH_EVERY_BYTES < chunk.length) await sink.flush();
    }
    await sink.end();
    await file.datasync();
    await file.close();
    await rename(partial, path);
  } catch (error) {
    await file.close().catch(() => {});
    await rm(partial, { force: true });
    throw error;
  }
  return { path, bytes, head: head.subarray(0, Math.min(bytes, HEAD_BYTES)) };
}
