import { Hono } from "hono";
import { requireBearer } from "../routes/bearer-token.ts";
import { EXPOSITION_CONTENT_TYPE } from "./exposition.ts";
import type { Metrics } from "./metrics.ts";

export interface MetricsRoutesDeps {
  metrics: Pick<Metrics, "render">;
  /** With one, `Authorization: Bearer <token>` is required (401 without, 403 with another). */
  token: string | undefined;
}

/**
 * `GET /metrics`: Prometheus text exposition format 0.0.4.
 * @example app.route("/metrics", metricsRoutes({ metrics, token: config.metricsToken }));
 */
export function metricsRoutes(deps: MetricsRoutesDeps): Hono {
  const app = new Hono();
  if (deps.token)
    app.use(
      requireBearer(deps.token, "Metrics", { variable: "METRICS_TOKEN", forbidden: "This token may not read metrics" }),
    );
  app.get("/", (c) => c.body(deps.metrics.render(), 200, { "Content-Type": EXPOSITION_CONTENT_TYPE }));
  return app;
}
