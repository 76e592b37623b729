import { heartbeat } from "./frame.ts";

export interface EventStreamOptions {
  /** Send a comment at least this often. */
  heartbeatMs: number;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
  /** Aborted on server shutdown: the stream ends cleanly. */
  shutdown: AbortSignal;
}

/** Writes pre-formatted SSE text; `closed` turns true when the client or the server is gone. */
export interface EventWriter {
  write(text: string): void;
  readonly closed: boolean;
}

export const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-store",
  "X-Accel-Buffering": "no",
  Connection: "keep-alive",
} as const;

/**
 * A streaming `text/event-stream` Response. `run` produces events until it returns or the
 * stream closes; a heartbeat comment goes out whenever nothing else was written for a while.
 * @example return eventStream(opts, async (out) => { out.write(formatEvent({ data: "hi" })); });
 */
export function eventStream(
  options: EventStreamOptions,
  run: (out: EventWriter) => Promise<void>,
  onClose: () => void,
): Response {
  const encoder = new TextEncoder();
  let closed = false;
  let timer: ReturnType<typeof setInterval> | undefined;
  let lastWrite = Date.now();
  const finish = (): boolean => {
    if (closed) return false;
    closed = true;
    clearInterval(timer);
    onClose();
    return true;
  };

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const close = () => {
        if (!finish()) return;
        try {
          controller.close();
        } catch {
          /* the client already went away */
        }
      };
      const out: EventWriter = {
        write(text) {
          if (closed) return;
          lastWrite = Date.now();
          try {
            controller.enqueue(encoder.encode(text));
          } catch {
            close();
          }
        },
        get closed() {
          return closed;
        },
      };
      options.signal.addEventListener("abort", close, { once: true });
      options.shutdown.addEventListener("abort", close, { once: true });
      timer = setInterval(() => {
        if (Date.now() - lastWrite >= options.heartbeatMs / 2) out.write(heartbeat());
      }, options.heartbeatMs / 2);
      if (options.signal.aborted || options.shutdown.aborted) close();
      else run(out).finally(close);
    },
    cancel() {
      finish();
    },
  });
  return new Response(body, { headers: SSE_HEADERS });
}
