import type { Context } from "hono";
import { type Connection, type Overflow, SSE_HEADERS } from "../sse/connection.ts";
import { type StreamHub, StreamRefused } from "../sse/stream-hub.ts";
import { clientAddress } from "./client-address.ts";

/** What every stream route opens its streams with. */
export interface StreamOpening {
  hub: Pick<StreamHub, "open">;
  /** Count streams per `X-Forwarded-For` client (behind a proxy you run), else per socket peer. */
  trustProxy: boolean;
}

interface BunServerEnv {
  timeout?: (request: Request, seconds: number) => void;
}

/** How long a client refused for the caps is asked to wait. */
const RETRY_AFTER_S = 5;

/**
 * An SSE response for this request: a connection from the hub (refused past its caps, 503 or 429
 * with Retry-After), exempt from Bun's idle timeout, closed when the client leaves; `start` writes
 * its first message and joins it to its audience. A `HEAD` gets the headers alone: its body would
 * never be read, so nothing is opened for it.
 * @example return openStream(c, deps, "coalesce", (conn) => live.symbols.open(conn, "AAPL"));
 */
export function openStream(
  c: Context,
  deps: StreamOpening,
  overflow: Overflow,
  start: (conn: Connection) => void,
): Response {
  if (c.req.method === "HEAD") return new Response(null, { headers: SSE_HEADERS });
  let conn: Connection;
  try {
    conn = deps.hub.open({ client: clientAddress(c, deps.trustProxy), overflow });
  } catch (error) {
    if (error instanceof StreamRefused) c.header("Retry-After", String(RETRY_AFTER_S));
    throw error;
  }
  (c.env as BunServerEnv | undefined)?.timeout?.(c.req.raw, 0);
  c.req.raw.signal.addEventListener("abort", () => conn.close("client"), { once: true });
  start(conn);
  return conn.response;
}
