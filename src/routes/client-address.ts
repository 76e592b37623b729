import type { Context } from "hono";
import { getConnInfo } from "hono/bun";

/** The peer of the socket, when the server says (Bun does; `app.request` has no socket). Never a header. */
export function socketAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}

/**
 * The client's address: the first `X-Forwarded-For` entry when `trustProxy` (a proxy you run
 * sets it), else the socket's peer; "unknown" when neither says.
 * @example clientAddress(c, false) // "127.0.0.1"
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  const forwarded = trustProxy ? c.req.header("X-Forwarded-For")?.split(",")[0]?.trim() : undefined;
  return forwarded || socketAddress(c) || "unknown";
}
