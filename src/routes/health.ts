import { Hono } from "hono";
import type { AppDeps } from "../app.ts";
import { feedStatus } from "../engine/feed-health.ts";

/**
 * `/health/live`: the process answers. `/health/ready`: the database answers and the engine runs;
 * the feed's state is reported there too, but a degraded feed does not make the node unready.
 */
export function healthRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  app.get("/live", (c) => c.json({ status: "ok" }));
  app.get("/ready", async (c) => {
    const database = await deps.store.ping().then(
      () => ({ ok: true }),
      (error: unknown) => ({ ok: false, error: String(error) }),
    );
    const engine = { ok: deps.engine.running, lastTickId: deps.engine.lastId };
    const ready = database.ok && engine.ok;
    const feed = { status: feedStatus(deps.engine.feed.health), ...deps.engine.feed.health };
    return c.json({ status: ready ? "ready" : "not_ready", checks: { database, engine, feed } }, ready ? 200 : 503);
  });
  return app;
}
