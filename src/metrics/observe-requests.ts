import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { matchedRoutes } from "hono/route";
import type { Logger } from "../log.ts";
import type { HttpMetrics } from "./http-metrics.ts";

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export interface ObserveDeps {
  http: Pick<HttpMetrics, "record">;
  log: Logger;
  /** One `request` line per request (`ACCESS_LOG`); streams are logged when their response starts. */
  accessLog: boolean;
}

/**
 * The route pattern that answered (`/api/prices/:symbol`), never the raw URL: the last matched route
 * that is not middleware, else `unmatched` (a 404 no route took).
 */
export const routePattern = (c: Context): string =>
  matchedRoutes(c).findLast((route) => route.method !== "ALL")?.path ?? "unmatched";

/**
 * Every request: an `X-Request-Id` on its response (the client's when well-formed, else a new one),
 * counted and timed by route pattern and status, and one access log line.
 * @example app.use(observeRequests({ http: metrics.http, log, accessLog: true }));
 */
export const observeRequests = (deps: ObserveDeps) =>
  createMiddleware(async (c, next) => {
    const started = performance.now();
    const given = c.req.header("X-Request-Id");
    const requestId = given && REQUEST_ID.test(given) ? given : crypto.randomUUID();
    await next();
    c.header("X-Request-Id", requestId);
    const durationMs = performance.now() - started;
    const route = routePattern(c);
    const status = c.res.status;
    deps.http.record(c.req.method, route, status, durationMs / 1000);
    if (!deps.accessLog) return;
    const length = c.res.headers.get("Content-Length");
    const stream = c.res.headers.get("Content-Type")?.startsWith("text/event-stream") ?? false;
    deps.log.info(stream ? "stream started" : "request", {
      requestId,
      method: c.req.method,
      route,
      status,
      durationMs: Math.round(durationMs * 10) / 10,
      ...(length === null ? {} : { bytes: Number(length) }),
    });
  });
