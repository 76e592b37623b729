/** One Server-Sent Event. `data` may span lines; `event` and `id` may not. */
export interface SseEvent {
  data: string;
  event?: string;
  id?: string | number;
  retry?: number;
}

const LINE_BREAK = /[\r\n]/;

/**
 * Serialise one event. Refuses an `event` or `id` containing CR or LF, so input can
 * never forge extra fields or events.
 * @example formatEvent({ event: "tick", id: 7, data: "{}" }) // "event: tick\nid: 7\ndata: {}\n\n"
 */
export function formatEvent(message: SseEvent): string {
  let out = "";
  if (message.event !== undefined) {
    if (LINE_BREAK.test(message.event)) throw new Error("SSE event name must not contain CR or LF");
    out += `event: ${message.event}\n`;
  }
  if (message.id !== undefined) {
    const id = String(message.id);
    if (LINE_BREAK.test(id) || id.includes("\0")) throw new Error("SSE id must not contain CR, LF or NUL");
    out += `id: ${id}\n`;
  }
  if (message.retry !== undefined) out += `retry: ${Math.trunc(message.retry)}\n`;
  for (const line of message.data.split(/\r\n|\r|\n/)) out += `data: ${line}\n`;
  return `${out}\n`;
}

/** How long a client waits before it reconnects a stream that ended: the same for every stream. */
export const RETRY_MS = 2000;

const encoder = new TextEncoder();

/** Text as the bytes a stream sends (UTF-8), encoded once and shared by every client that gets them. */
export const bytesOf = (text: string): Uint8Array => encoder.encode(text);

/** A comment line: ignored by clients, keeps proxies and idle timers from closing the stream. */
export const heartbeat = (): string => ": heartbeat\n\n";
