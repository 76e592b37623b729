/** A line longer than this is cut here (it is a bad line anyway): memory stays flat whatever the input. */
export const MAX_LINE_CHARS = 64 * 1024;

/**
 * Decode a byte stream and split it into lines (LF or CRLF; no terminator on the last one is fine),
 * a chunk's worth at a time. A leading byte-order mark is dropped.
 * @example for await (const lines of splitLines(Bun.file(p).stream(), "latin1")) for (const line of lines) …
 */
export async function* splitLines(
  chunks: AsyncIterable<Uint8Array>,
  encoding: "latin1" | "utf-8",
): AsyncGenerator<string[]> {
  const decoder = new TextDecoder(encoding);
  let rest = "";
  let first = true;
  let cutting = false;
  const split = (text: string, final: boolean): string[] => {
    if (first && text.length > 0) {
      first = false;
      if (text.startsWith("\u00ef\u00bb\u00bf")) text = text.slice(3);
      else if (text.startsWith("\ufeff")) text = text.slice(1);
    }
    const lines: string[] = [];
    let start = 0;
    for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", start)) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      if (cutting) cutting = false;
      else lines.push(text.slice(start, end));
      start = nl + 1;
    }
    rest = text.slice(start);
    if (rest.length > MAX_LINE_CHARS && !cutting) {
      lines.push(rest.slice(0, MAX_LINE_CHARS));
      cutting = true;
    }
    if (cutting) rest = "";
    if (final && rest !== "") lines.push(rest.endsWith("\r") ? rest.slice(0, -1) : rest);
    return lines;
  };
  for await (const chunk of chunks) {
    const lines = split(rest + decoder.decode(chunk, { stream: true }), false);
    if (lines.length > 0) yield lines;
  }
  const lines = split(rest + decoder.decode(), true);
  if (lines.length > 0) yield lines;
}
