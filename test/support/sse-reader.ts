import { createParser, type EventSourceMessage } from "eventsource-parser";

/**
 * Read SSE messages from a response body with eventsource-parser until `count` have
 * arrived (comments are skipped), then cancel the stream.
 */
export async function readEvents(response: Response, count: number): Promise<EventSourceMessage[]> {
  const events: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (event) => events.push(event) });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  while (events.length < count) {
    const { done, value } = await reader.read();
    if (done) break;
    parser.feed(value);
  }
  await reader.cancel();
  return events.slice(0, count);
}

/** Wait (bounded by the test timeout) until `condition` holds, checking every few ms. */
export async function eventually(condition: () => boolean | Promise<boolean>, stepMs = 10): Promise<void> {
  while (!(await condition())) await Bun.sleep(stepMs);
}
