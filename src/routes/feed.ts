import { Hono } from "hono";
import type { ClusterStatus } from "../cluster/cluster-node.ts";
import { feedStatus } from "../engine/feed-health.ts";
import type { Market } from "../engine/market.ts";

export interface FeedRoutesDeps {
  market: Pick<Market, "feed">;
  /** In a cluster: this node, and the node whose engine feeds it. */
  cluster: (() => ClusterStatus) | undefined;
}

/**
 * `GET /api/feed`: the price feed's breaker state, last success, failures and dropped items; in a
 * cluster also `node` (this one) and `engineNode` (the one that runs the engine).
 * @example app.route("/api/feed", feedRoutes({ market, cluster: undefined }));
 */
export function feedRoutes({ market, cluster }: FeedRoutesDeps): Hono {
  const app = new Hono();
  app.get("/", (c) => {
    const health = market.feed.health;
    const status = cluster?.();
    const nodes = status ? { node: status.node, engineNode: status.engineNode } : {};
    return c.json({ status: feedStatus(health), ...health, ...nodes });
  });
  return app;
}
