/** HTTP/1.1 `Transfer-Encoding: chunked` decoding for the raw-socket load client. */

const LF = 0x0a;

/**
 * Decodes a chunked body as its bytes arrive, in pieces split anywhere, and hands each run of
 * payload bytes to `onPayload` without copying. Chunk extensions and trailers are ignored.
 * @example const body = new ChunkedBody((bytes) => tally.feed(bytes)); socket.data = (_, b) => body.feed(b);
 */
export class ChunkedBody {
  /** True once the last (zero-length) chunk has arrived: the server ended the response. */
  ended = false;
  /** Payload bytes still to come in the current chunk. */
  #left = 0;
  /** The CRLF that closes a chunk's payload is the next line, not a size. */
  #afterPayload = false;
  /** A size line split across pieces. */
  #line = "";

  constructor(private readonly onPayload: (bytes: Uint8Array) => void) {}

  feed(bytes: Buffer): void {
    let i = 0;
    while (i < bytes.length && !this.ended) {
      if (this.#left > 0) {
        const end = Math.min(bytes.length, i + this.#left);
        this.onPayload(bytes.subarray(i, end));
        this.#left -= end - i;
        i = end;
        continue;
      }
      const lf = bytes.indexOf(LF, i);
      if (lf < 0) {
        this.#line += bytes.toString("latin1", i);
        return;
      }
      const line = (this.#line + bytes.toString("latin1", i, lf)).trim();
      this.#line = "";
      i = lf + 1;
      if (this.#afterPayload) {
        this.#afterPayload = false;
        continue;
      }
      const size = Number.parseInt(line, 16);
      if (!Number.isFinite(size)) throw new Error(`bad chunk size line ${JSON.stringify(line)}`);
      if (size === 0) this.ended = true;
      this.#left = size;
      this.#afterPayload = true;
    }
  }
}
