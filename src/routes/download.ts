/** What `download` streams, and how the file is named and typed. */
export interface Download<T> {
  /** The rows, a page at a time: read only as the client takes the previous one. */
  pages: AsyncIterator<T[]>;
  /** Written once before the rows (a CSV header). */
  head?: string;
  /** One row as its text, line ending included. */
  line: (row: T) => string;
  contentType: string;
  /** Made safe for the header by `attachmentName`. */
  fileName: string;
  /** Told when a page cannot be read once the answer has started: the download is then cut short. */
  onError: (error: unknown) => void;
}

/**
 * `Content-Disposition`'s file name, kept to letters, digits, `.`, `_` and `-` (anything else
 * becomes `_`), so that nothing given can break the header or name a hidden file.
 * @example attachmentName("AAPL-ticks-start-now.csv") // 'attachment; filename="AAPL-ticks-start-now.csv"'
 */
const attachmentName = (fileName: string): string =>
  `attachment; filename="${fileName.replaceAll(/[^A-Za-z0-9._-]/g, "_").replace(/^\.+/, "_")}"`;

/**
 * A file download streamed with flat memory whatever its size: each page is read from the database
 * only when the client has taken the one before (a pull stream), so a slow client slows the reads
 * instead of filling a buffer. The first page is read before answering, so a database that fails
 * at once is an error response, not an empty file; one that fails later cuts the download short
 * (no final chunk: the client sees it incomplete).
 * @example
 * return download({ pages: store.ticksBetween("AAPL", 0, now), line: (t) => `${JSON.stringify(t)}\n`,
 *   contentType: "application/x-ndjson", fileName: "AAPL-ticks.ndjson", onError: (e) => log.error("cut", { e }) });
 */
export async function download<T>({
  pages,
  head,
  line,
  contentType,
  fileName,
  onError,
}: Download<T>): Promise<Response> {
  const encoder = new TextEncoder();
  let next: IteratorResult<T[]> | undefined = await pages.next();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (head !== undefined) controller.enqueue(encoder.encode(head));
    },
    async pull(controller) {
      try {
        const page = next ?? (await pages.next());
        next = undefined;
        if (page.done) return controller.close();
        controller.enqueue(encoder.encode(page.value.map(line).join("")));
      } catch (error) {
        onError(error);
        controller.error(error);
      }
    },
    async cancel() {
      await pages.return?.();
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": attachmentName(fileName),
      "Cache-Control": "no-store",
    },
  });
}
