import { Hono } from "hono";
import type { ClusterStatus } from "../cluster/cluster-node.ts";
import { feedStatus } from "../engine/feed-health.ts";
import type { Market } from "../engine/market.ts";
import type { PriceEngine } from "../engine/price-engine.ts";
import type { StreamHub } from "../sse/stream-hub.ts";
import type { TickPruner } from "../store/tick-pruner.ts";
import type { TickStore } from "../store/tick-store.ts";
import type { TickWriter } from "../store/tick-writer.ts";

export interface HealthRoutesDeps {
  store: Pick<TickStore, "ping">;
  engine: Pick<PriceEngine, "running" | "refused">;
  /** The tick writer's health: ticks wait for it before they are published. */
  writer: Pick<TickWriter, "health">;
  market: Pick<Market, "lastId" | "feed">;
  /** Open streams, and why the others ended. */
  streams: Pick<StreamHub, "stats">;
  /** The database's size, its oldest kept tick and the tick retention. */
  storage: Pick<TickPruner, "report">;
  /** In a cluster: this node's role, the engine's node and the broker's connection. */
  cluster: (() => ClusterStatus) | undefined;
}

/**
 * `/health/live`: the process answers. `/health/ready`: the database answers, the engine runs and its
 * ticks are being written (a failing writer holds them back: nothing undurable is published);
 * the feed's state is reported there too (a degraded feed does not make the node unready), and the
 * storage: the database's size, its oldest kept tick, the retention and its last run; in a cluster, a
 * follower is ready while a node runs the engine, and `cluster` names both and the broker's state.
 * @example app.route("/health", healthRoutes({ store, engine, writer, market, streams: live.hub, storage: pruner }));
 */
export function healthRoutes(deps: HealthRoutesDeps): Hono {
  const app = new Hono();
  app.get("/live", (c) => c.json({ status: "ok" }));
  app.get("/ready", async (c) => {
    const database = await deps.store.ping().then(
      () => ({ ok: true }),
      (error: unknown) => ({ ok: false, error: String(error) }),
    );
    const cluster = deps.cluster?.();
    // A follower is fine while some node runs the engine; the broker's state is reported, not fatal.
    const following = cluster?.role === "follower" && cluster.engineNode !== null;
    const engine = {
      ok: deps.engine.running || following,
      lastTickId: deps.market.lastId,
      refusedQuotes: deps.engine.refused,
    };
    const writer = deps.writer.health;
    const ready = database.ok && engine.ok && writer.ok;
    const feed = { status: feedStatus(deps.market.feed.health), ...deps.market.feed.health };
    const storage = await deps.storage.report().catch((error: unknown) => ({ error: String(error) }));
    return c.json(
      {
        status: ready ? "ready" : "not_ready",
        checks: { database, engine, writer, feed },
        ...(cluster ? { cluster } : {}),
        streams: deps.streams.stats(),
        storage,
      },
      ready ? 200 : 503,
    );
  });
  return app;
}
