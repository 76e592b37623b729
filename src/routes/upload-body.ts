import { UploadTooLarge } from "../b3/upload-file.ts";
import { DomainError } from "../domain-error.ts";

/** What a multipart body adds around the file: part headers and boundaries. */
const MULTIPART_OVERHEAD = 64 * 1024;

/**
 * The most bytes a multipart body carrying a file of at most `maxFileBytes` may have.
 * @example if (Number(contentLength) > maxBodyBytes(maxUploadBytes)) throw new UploadTooLarge(maxUploadBytes);
 */
export const maxBodyBytes = (maxFileBytes: number): number => maxFileBytes + MULTIPART_OVERHEAD;

/**
 * The client sent nothing for longer than the upload's idle limit; nothing was kept.
 * @example throw new UploadStalled(30_000); // "file: nothing arrived for 30 s (UPLOAD_IDLE_TIMEOUT_MS); …"
 */
export class UploadStalled extends DomainError {
  constructor(idleMs: number) {
    super("upload_stalled", `file: nothing arrived for ${idleMs / 1000} s (UPLOAD_IDLE_TIMEOUT_MS); nothing was kept`);
  }
}

export interface UploadBodyLimits {
  /** Bytes of the file the body carries; the body may be `maxBodyBytes` of it, multipart framing included. */
  maxFileBytes: number;
  /** Longest wait for the client's next bytes. */
  idleMs: number;
}

/** The reader's next chunk, or undefined when none came within `ms`. */
async function nextWithin(reader: ReadableStreamDefaultReader<Uint8Array>, ms: number) {
  const { promise: timeout, resolve } = Promise.withResolvers<undefined>();
  const timer = setTimeout(() => resolve(undefined), ms);
  try {
    return await Promise.race([reader.read(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A request body as it arrives, counted: past `maxBodyBytes(maxFileBytes)` it fails with
 * UploadTooLarge, and when the client sends nothing for `idleMs` with UploadStalled; either way
 * the request's body is cancelled, nothing more of it is read. Only waiting for the client counts:
 * the body is read when its reader asks (no read-ahead), so time spent storing what arrived never
 * does, and a slow link that keeps sending is never cut.
 * @example multipartParts(uploadBody(c.req.raw.body, { maxFileBytes, idleMs: 30_000 }), boundary)
 */
export function uploadBody(body: ReadableStream<Uint8Array>, limits: UploadBodyLimits): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const maxBytes = maxBodyBytes(limits.maxFileBytes);
  let received = 0;
  const stop = (error: Error): Error => {
    reader.cancel(error).catch(() => {});
    return error;
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await nextWithin(reader, limits.idleMs);
        if (next === undefined) throw stop(new UploadStalled(limits.idleMs));
        if (next.done) return controller.close();
        received += next.value.length;
        if (received > maxBytes) throw stop(new UploadTooLarge(limits.maxFileBytes));
        controller.enqueue(next.value);
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}
