/**
 * The JSON values a process prints one per line (its log, a load client's reports), as they come.
 * @example for await (const entry of jsonLines(proc.stdout)) if (entry.message === "listening") …
 */
export async function* jsonLines<T = Record<string, unknown>>(stream: ReadableStream<Uint8Array>): AsyncGenerator<T> {
  for await (const line of textLines(stream)) if (line.trim()) yield JSON.parse(line) as T;
}

/**
 * The lines a process prints, as they come (the last one even without its newline).
 * @example for await (const line of textLines(proc.stderr)) console.error(line);
 */
export async function* textLines(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffered = "";
  for await (const chunk of stream) {
    buffered += decoder.decode(chunk, { stream: true });
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    yield* lines;
  }
  if (buffered) yield buffered;
}
