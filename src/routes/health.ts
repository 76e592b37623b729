import { Hono } from "hono";
import type { AppDeps } from "../app.ts";
import { feedStatus } from "../engine/feed-health.ts";

/**
 * `/health/live`: the process answers. `/health/ready`: the database answers, the engine runs and its
 * ticks are being written (a failing writer holds them back: nothing undurable is published);
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
    const engine = {
      ok: deps.engine.running,
      lastTickId: deps.engine.lastPublishedId,
      refusedQuotes: deps.engine.refused,
    };
    const writer = deps.writer.health;
    const ready = database.ok && engine.ok && writer.ok;
    const feed = { status: feedStatus(deps.engine.feed.health), ...deps.engine.feed.health };
    return c.json(
      { status: ready ? "ready" : "not_ready", checks: { database, engine, writer, feed } },
      ready ? 200 : 503,
    );
  });
  return app;
}
