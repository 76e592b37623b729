import type { Context } from "hono";
import type { AppDeps } from "../app.ts";
import { eventStream, type EventWriter } from "../sse/event-stream.ts";

interface BunServerEnv {
  timeout?: (request: Request, seconds: number) => void;
}

/**
 * An SSE response for this request: exempt from Bun's idle timeout, with heartbeats,
 * ended when the client leaves or the server shuts down.
 */
export function openStream(c: Context, deps: AppDeps, run: (out: EventWriter) => Promise<void>, onClose: () => void): Response {
  (c.env as BunServerEnv | undefined)?.timeout?.(c.req.raw, 0);
  return eventStream({ heartbeatMs: deps.config.heartbeatMs, signal: c.req.raw.signal, shutdown: deps.shutdown }, run, onClose);
}
