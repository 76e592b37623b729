import type { Context } from "hono";
import type { AppDeps } from "../app.ts";
import { type EventWriter, eventStream, SSE_HEADERS } from "../sse/event-stream.ts";

interface BunServerEnv {
  timeout?: (request: Request, seconds: number) => void;
}

/**
 * An SSE response for this request: exempt from Bun's idle timeout, with heartbeats,
 * ended when the client leaves or the server shuts down. A `HEAD` gets the headers alone and
 * closes at once: its body would never be read, so nothing may be left running for it.
 */
export function openStream(
  c: Context,
  deps: AppDeps,
  run: (out: EventWriter) => Promise<void>,
  onClose: () => void,
): Response {
  if (c.req.method === "HEAD") {
    onClose();
    return new Response(null, { headers: SSE_HEADERS });
  }
  (c.env as BunServerEnv | undefined)?.timeout?.(c.req.raw, 0);
  return eventStream(
    { heartbeatMs: deps.config.heartbeatMs, signal: c.req.raw.signal, shutdown: deps.shutdown },
    run,
    onClose,
  );
}
