import { createHash, timingSafeEqual } from "node:crypto";
import { createMiddleware } from "hono/factory";
import { HttpError } from "./http-error.ts";

const digest = (text: string) => createHash("sha256").update(text).digest();

/**
 * Require `Authorization: Bearer <token>`: 401 without it, 403 with another token, and 503 when
 * the server has no token at all (it then accepts nothing).
 */
export const requireBearer = (token: string | undefined, what: string) =>
  createMiddleware(async (c, next) => {
    if (!token) throw new HttpError(503, "disabled", `${what} are disabled: the server has no EVENTS_TOKEN configured`);
    const presented = /^Bearer\s+(\S+)$/i.exec(c.req.header("Authorization") ?? "")?.[1];
    if (!presented) {
      c.header("WWW-Authenticate", 'Bearer realm="tickertape"');
      throw new HttpError(401, "unauthorized", "Send Authorization: Bearer <token>");
    }
    if (!timingSafeEqual(digest(presented), digest(token)))
      throw new HttpError(403, "forbidden", "This token may not send events");
    await next();
  });
