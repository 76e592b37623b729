import { createParser, type EventSourceMessage } from "eventsource-parser";

/** An SSE stream read in the background: every message kept, until `close()`. */
export interface SseCollector {
  readonly events: EventSourceMessage[];
  /** Whether the server ended the stream. */
  readonly ended: boolean;
  close(): void;
}

/**
 * Open `url` as an event stream and keep every message it sends (comments skipped).
 * @example const stream = await collectEvents(`${node.url}api/stream`); … stream.events.length; stream.close();
 */
export async function collectEvents(url: string, headers: Record<string, string> = {}): Promise<SseCollector> {
  const abort = new AbortController();
  const response = await fetch(url, { headers, signal: abort.signal });
  if (!response.ok || !response.body) throw new Error(`${url} answered ${response.status}`);
  const collector = { events: [] as EventSourceMessage[], ended: false, close: () => abort.abort() };
  const parser = createParser({ onEvent: (event) => collector.events.push(event) });
  void (async () => {
    try {
      for await (const text of response.body!.pipeThrough(new TextDecoderStream())) parser.feed(text);
    } catch {
      // Aborted by close(), or the connection was cut: either way the stream is over.
    }
    collector.ended = true;
  })();
  return collector;
}
