import { DomainError } from "../domain-error.ts";

/**
 * The body is not the multipart/form-data it claims to be, or it ended early; `problem` says how.
 * @example throw new MultipartError("a part's headers do not end"); // "file: the upload could not be read (…)"
 */
export class MultipartError extends DomainError {
  constructor(problem: string) {
    super("bad_upload", `file: the upload could not be read (${problem})`);
  }
}

export interface MultipartPart {
  /** The form field's name. */
  name: string;
  /** The file name the browser sent, for a file field ("" when no file was chosen). */
  fileName: string | undefined;
  /** The part's bytes, streamed; read them (or leave them) before asking for the next part. */
  chunks: AsyncGenerator<Uint8Array>;
}

const MAX_HEADER_BYTES = 16 * 1024;
const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");

/**
 * `multipart/form-data; boundary=…` → the boundary.
 * @example boundaryOf("multipart/form-data; boundary=x") // "x"
 */
export function boundaryOf(contentType: string | undefined): string | undefined {
  const m = /^multipart\/form-data\s*;(?:.*;)?\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType ?? "");
  return m ? (m[1] ?? m[2]) : undefined;
}

function dispositionParam(headers: string, param: string): string | undefined {
  const line = headers.split("\r\n").find((h) => /^content-disposition:/i.test(h)) ?? "";
  const extended = new RegExp(`;\\s*${param}\\*=UTF-8''([^;]*)`, "i").exec(line);
  if (extended?.[1] !== undefined) {
    try {
      return decodeURIComponent(extended[1]);
    } catch {
      return extended[1];
    }
  }
  // Browsers escape `"`, CR and LF in names as %22, %0D and %0A (WHATWG multipart/form-data encoding).
  return new RegExp(`;\\s*${param}="([^"]*)"`, "i")
    .exec(line)?.[1]
    ?.replace(/%(22|0D|0A)/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Parse a multipart/form-data body as it streams in: a file part's bytes are handed on chunk by
 * chunk, never buffered whole (only a delimiter's length is held back between chunks).
 * @example for await (const part of multipartParts(req.body, boundaryOf(type)!)) if (part.name === "file") …
 */
export async function* multipartParts(
  body: ReadableStream<Uint8Array>,
  boundary: string,
): AsyncGenerator<MultipartPart> {
  const reader = body.getReader();
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  // The body starts with the first delimiter without its CRLF: add one, so every delimiter looks alike.
  let buffer: Buffer = Buffer.from(CRLF);
  let ended = false;
  const more = async (): Promise<boolean> => {
    if (ended) return false;
    const next = await reader.read();
    if (next.done) {
      ended = true;
      return false;
    }
    buffer =
      buffer.length === 0
        ? Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength)
        : Buffer.concat([buffer, next.value]);
    return true;
  };
  const need = async (bytes: number, problem: string) => {
    while (buffer.length < bytes) if (!(await more())) throw new MultipartError(problem);
  };

  try {
    for (let at = buffer.indexOf(delimiter); at < 0; at = buffer.indexOf(delimiter)) {
      buffer = buffer.subarray(Math.max(0, buffer.length - delimiter.length));
      if (!(await more())) throw new MultipartError("the body has no multipart boundary");
    }
    buffer = buffer.subarray(buffer.indexOf(delimiter) + delimiter.length);
    for (;;) {
      await need(2, "the body ended after a boundary");
      if (buffer[0] === 0x2d && buffer[1] === 0x2d) return; // "--": the closing delimiter
      let lineEnd = buffer.indexOf(CRLF);
      while (lineEnd < 0 && buffer.length < 1024 && (await more())) lineEnd = buffer.indexOf(CRLF);
      if (lineEnd < 0) throw new MultipartError("a boundary line does not end");
      buffer = buffer.subarray(lineEnd + 2);
      let headerEnd = buffer.indexOf(HEADER_END);
      while (headerEnd < 0) {
        if (buffer.length > MAX_HEADER_BYTES || !(await more()))
          throw new MultipartError("a part's headers do not end");
        headerEnd = buffer.indexOf(HEADER_END);
      }
      const headers = buffer.subarray(0, headerEnd).toString("utf8");
      buffer = buffer.subarray(headerEnd + HEADER_END.length);
      let done = false;
      async function* chunks(): AsyncGenerator<Uint8Array> {
        for (;;) {
          const at = buffer.indexOf(delimiter);
          if (at >= 0) {
            const last = buffer.subarray(0, at);
            buffer = buffer.subarray(at + delimiter.length);
            done = true;
            if (last.length > 0) yield last;
            return;
          }
          const safe = buffer.length - (delimiter.length - 1);
          if (safe > 0) {
            const part = buffer.subarray(0, safe);
            buffer = buffer.subarray(safe);
            yield part;
          }
          if (!(await more())) throw new MultipartError("the upload ended before the file was complete");
        }
      }
      const part = chunks();
      yield {
        name: dispositionParam(headers, "name") ?? "",
        fileName: dispositionParam(headers, "filename"),
        chunks: part,
      };
      if (!done) for await (const _ of part) void _;
      if (!done) throw new MultipartError("a part was left half read");
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}
