import type { Context } from "hono";
import { type EventWriter, eventStream, SSE_HEADERS } from "../sse/event-stream.ts";

/** What every stream of the app shares. */
export interface StreamSettings {
  /** Send a comment at least this often. */
  heartbeatMs: number;
  /** Aborted when the server shuts down: open streams end. */
  shutdown: AbortSignal;
}

interface BunServerEnv {
  timeout?: (request: Request, seconds: number) => void;
}

/**
 * An SSE response for this request: exempt from Bun's idle timeout, with heartbeats,
 * ended when the client leaves or the server shuts down. A `HEAD` gets the headers alone and
 * closes at once: its body would never be read, so nothing may be left running for it.
 * @example return openStream(c, deps, async (out) => out.write(formatEvent({ data: "hi" })), () => sub.close());
 */
export function openStream(
  c: Context,
  settings: StreamSettings,
  run: (out: EventWriter) => Promise<void>,
  onClose: () => void,
): Response {
  if (c.req.method === "HEAD") {
    onClose();
    return new Response(null, { headers: SSE_HEADERS });
  }
  (c.env as BunServerEnv | undefined)?.timeout?.(c.req.raw, 0);
  return eventStream(
    { heartbeatMs: settings.heartbeatMs, signal: c.req.raw.signal, shutdown: settings.shutdown },
    run,
    onClose,
  );
}
