import { UploadTooLarge } from "../b3/upload-file.ts";

/** The client sent nothing for longer than the upload's idle limit. */
export class UploadStalled extends Error {
  constructor(readonly idleMs: number) {
    super(`the upload sent nothing for ${idleMs / 1000} s`);
  }
}

export interface UploadBodyLimits {
  /** Bytes of the whole body, multipart framing included. */
  maxBytes: number;
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
 * A request body as it arrives, counted: past `maxBytes` it fails with UploadTooLarge, and when
 * the client sends nothing for `idleMs` with UploadStalled; either way the request's body is
 * cancelled, nothing more of it is read. Only waiting for the client counts: the body is read
 * when its reader asks (no read-ahead), so time spent storing what arrived never does, and a
 * slow link that keeps sending is never cut.
 * @example multipartParts(uploadBody(c.req.raw.body, { maxBytes, idleMs: 30_000 }), boundary)
 */
export function uploadBody(body: ReadableStream<Uint8Array>, limits: UploadBodyLimits): ReadableStream<Uint8Array> {
  const reader = body.getReader();
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
        if (received > limits.maxBytes) throw stop(new UploadTooLarge(limits.maxBytes));
        controller.enqueue(next.value);
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}
