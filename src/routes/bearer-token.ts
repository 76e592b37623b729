import { createHash, timingSafeEqual } from "node:crypto";
import { createMiddleware } from "hono/factory";
import { HttpError } from "./http-error.ts";

const digest = (text: string) => createHash("sha256").update(text).digest();

/** The variable named when there is no token, and the message of a 403; the defaults are those of events. */
export interface BearerWording {
  variable: string;
  forbidden: string;
}

/**
 * Require `Authorization: Bearer <token>`: 401 without it, 403 with another token, and 503 when
 * the server has no token at all (it then accepts nothing).
 * @example app.use(requireBearer(token, "Metrics", { variable: "METRICS_TOKEN", forbidden: "This token may not read metrics" }));
 */
export const requireBearer = (
  token: string | undefined,
  what: string,
  wording: BearerWording = { variable: "EVENTS_TOKEN", forbidden: "This token may not send events" },
) =>
  createMiddleware(async (c, next) => {
    if (!token)
      throw new HttpError(503, "disabled", `${what} are disabled: the server has no ${wording.variable} configured`);
    const presented = /^Bearer\s+(\S+)$/i.exec(c.req.header("Authorization") ?? "")?.[1];
    if (!presented) {
      c.header("WWW-Authenticate", 'Bearer realm="tickertape"');
      throw new HttpError(401, "unauthorized", "Send Authorization: Bearer <token>");
    }
    if (!timingSafeEqual(digest(presented), digest(token))) throw new HttpError(403, "forbidden", wording.forbidden);
    await next();
  });
