import type { Context, MiddlewareHandler } from "hono";
import { csrf } from "hono/csrf";
import { createMiddleware } from "hono/factory";
import { HTTPException } from "hono/http-exception";
import { HttpError } from "./http-error.ts";

/**
 * Whether the request came over HTTPS: `X-Forwarded-Proto: https` when `trustProxy` (a proxy you
 * run terminates TLS), else the URL's own scheme.
 * @example cameOverHttps(c, false) // false for http://localhost/
 */
export function cameOverHttps(c: Context, trustProxy: boolean): boolean {
  const forwarded = trustProxy ? c.req.header("X-Forwarded-Proto")?.split(",")[0]?.trim().toLowerCase() : undefined;
  return forwarded ? forwarded === "https" : new URL(c.req.url).protocol === "https:";
}

/** The request's own origin, with the scheme the client used (see `cameOverHttps`). */
const ownOrigin = (c: Context, trustProxy: boolean): string => {
  const url = new URL(c.req.url);
  return `${cameOverHttps(c, trustProxy) ? "https:" : url.protocol}//${url.host}`;
};

/**
 * Refuse a state-changing form sent from another site (403, the usual error page or JSON): hono's
 * `csrf` allows `Sec-Fetch-Site: same-origin` or an `Origin` equal to the request's own. A
 * request with neither header is not a browser's (every current browser sends `Origin` on a
 * POST), so a script or curl keeps working; the board cookie's `SameSite=Lax` does not stop a
 * same-site page on another port, which this does.
 * @example app.use("/board/*", sameOriginForms(false));
 */
export function sameOriginForms(trustProxy: boolean): MiddlewareHandler {
  const check = csrf({ origin: (origin, c) => origin === ownOrigin(c, trustProxy) });
  return createMiddleware(async (c, next) => {
    if (c.req.header("Origin") === undefined && c.req.header("Sec-Fetch-Site") === undefined) return next();
    try {
      await check(c, async () => {});
    } catch (error) {
      if (error instanceof HTTPException && error.status === 403) {
        c.header("Connection", "close"); // an upload's body is not read
        throw new HttpError(
          403,
          "cross_site",
          "This form was sent from another site: open the page here and send it again",
        );
      }
      throw error;
    }
    await next();
  });
}
