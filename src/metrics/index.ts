import type { Hono, MiddlewareHandler } from "hono";
import type { Logger } from "../log.ts";
import type { EventCounts } from "../routes/events.ts";
import type { Metrics } from "./metrics.ts";
import { observeRequests } from "./observe-requests.ts";
import { metricsRoutes } from "./routes.ts";

/** What the app mounts: the middleware that observes every request, and `GET /metrics`. */
export interface MetricsHttp {
  observe: MiddlewareHandler;
  routes: Hono;
  /** What `POST /api/events` counts its events with. */
  eventCounts: EventCounts;
}

/**
 * The HTTP side of `metrics`, built once in `runtime.ts`.
 * @example app.use(http.observe); app.route("/metrics", http.routes);
 */
export function metricsHttp(
  metrics: Metrics,
  options: { token: string | undefined; accessLog: boolean; log: Logger },
): MetricsHttp {
  return {
    observe: observeRequests({ http: metrics.http, log: options.log, accessLog: options.accessLog }),
    eventCounts: metrics.portfolioEvents,
    routes: metricsRoutes({ metrics, token: options.token }),
  };
}
