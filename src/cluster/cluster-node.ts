import type { Client } from "@libsql/client";
import type { ClusterConfig, EngineMode } from "../config.ts";
import type { PriceEngine } from "../engine/price-engine.ts";
import type { PricePoint, Tick } from "../engine/tick.ts";
import type { Logger } from "../log.ts";
import type { PortfolioBook } from "../portfolio/portfolio-book.ts";
import type { TickStore } from "../store/tick-store.ts";
import type { TickWriter } from "../store/tick-writer.ts";
import { Broker } from "./broker.ts";
import type { ClusterFeed, FeedReport } from "./cluster-feed.ts";
import { EngineLease } from "./engine-lease.ts";
import { beginTerm, fenceOf, isFenced } from "./engine-term.ts";
import { type ImportEventSource, ImportRelay } from "./import-relay.ts";
import { TickFollower, type TickRound } from "./tick-follower.ts";

export interface ClusterNodeDeps {
  nodeId: string;
  mode: EngineMode;
  leaseMs: number;
  broker: Broker;
  lease: EngineLease;
  db: Client;
  engine: PriceEngine;
  store: Pick<TickStore, "after" | "cursor">;
  writer: Pick<TickWriter, "fence">;
  portfolios: Pick<PortfolioBook, "onApplied" | "reload">;
  /** This node's importer: its events go to every node. */
  importer: ImportEventSource;
  feed: ClusterFeed;
  log: Logger;
}

/** What `/health/ready` and `/api/feed` say of the cluster. */
export interface ClusterStatus {
  node: string;
  /** The node that runs the engine, as far as this node knows. */
  engineNode: string | null;
  role: "engine" | "follower";
  broker: Broker["health"];
}

/**
 * One node of a cluster: it runs the engine while it holds the lease (`ENGINE=auto`), or always
 * (`on`), or never (`off`), and otherwise publishes what the engine's node sends. Becoming the engine:
 * a new term in the database (fencing the previous engine's writes), every committed tick not yet
 * published here, then numbering on from the database. Quotes sent to a follower go to the engine;
 * portfolio changes made here are announced so the other nodes read them again.
 * @example const node = new ClusterNode(deps); await node.start();
 */
export class ClusterNode {
  /** The import events of every node. */
  readonly imports: ImportRelay;
  readonly #follower: TickFollower;
  #engine = false;
  #switching: Promise<void> = Promise.resolve();
  #sentId = 0;
  #timer: ReturnType<typeof setInterval> | undefined;
  readonly #stops: (() => void)[] = [];

  constructor(private readonly deps: ClusterNodeDeps) {
    this.#follower = new TickFollower(deps.engine, deps.store, deps.log);
    this.imports = new ImportRelay(deps.importer, deps.broker, deps.nodeId, deps.log);
  }

  get status(): ClusterStatus {
    return {
      node: this.deps.nodeId,
      engineNode: this.#engine ? this.deps.nodeId : (this.deps.lease.holder ?? this.deps.feed.engineNode),
      role: this.#engine ? "engine" : "follower",
      broker: this.deps.broker.health,
    };
  }

  async start(): Promise<void> {
    const { broker, lease, engine, feed, portfolios, mode } = this.deps;
    broker.subscribe("ticks", (message) => {
      if (!this.#engine) void this.#follower.take(JSON.parse(message) as TickRound);
    });
    broker.subscribe("feed", (message) => {
      const report = JSON.parse(message) as FeedReport;
      if (this.#engine) return;
      feed.heard(report);
      if (report.lastId > engine.lastPublishedId) void this.#follower.catchUp(report.lastId);
    });
    broker.subscribe("quotes", (message) => {
      if (this.#engine) engine.ingest(JSON.parse(message) as PricePoint);
    });
    broker.subscribe("portfolios", (message) => {
      const { node, slugs } = JSON.parse(message) as { node: string; slugs: string[] };
      if (node !== this.deps.nodeId) void portfolios.reload(slugs);
    });
    this.imports.start();
    this.#stops.push(
      () => this.imports.stop(),
      broker.onChange((health) => feed.broker(health)),
      engine.onRound((ticks) => this.#announce(ticks)),
      portfolios.onApplied((slugs) => this.#announcePortfolios(slugs)),
      lease.onChange((holding) => this.#switch(holding)),
    );
    void broker.start();
    feed.broker(broker.health);
    this.#timer = setInterval(() => this.#report(), Math.max(50, Math.floor(this.deps.leaseMs / 3)));
    if (mode === "on") this.#switch(true);
    if (mode === "auto") lease.start();
    await this.#switching;
  }

  /** A quote sent to this node (events API): numbered here if this node is the engine, else sent to it. */
  ingest(point: PricePoint): void {
    if (this.#engine) this.deps.engine.ingest(point);
    else
      this.deps.broker.publish("quotes", JSON.stringify(point)).catch((error: unknown) => {
        this.deps.log.error("a quote could not be sent to the engine's node", { symbol: point.symbol, error });
      });
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    for (const stop of this.#stops) stop();
    await this.deps.lease.stop();
    this.#switch(false);
    await this.#switching;
    this.deps.feed.stop();
    this.deps.broker.stop();
  }

  #switch(engine: boolean): void {
    this.#switching = this.#switching.then(() => (engine ? this.#lead() : this.#follow()));
  }

  async #lead(): Promise<void> {
    if (this.#engine) return;
    const { db, nodeId, engine, store, writer, feed, log } = this.deps;
    try {
      const term = await beginTerm(db, nodeId);
      const refuses = (error: unknown) => {
        if (!isFenced(error)) return false;
        this.#switch(false);
        return true;
      };
      writer.fence({ statement: fenceOf(term), refuses });
      await this.#follower.catchUp();
      engine.continueFrom(await store.cursor());
      this.#sentId = engine.lastPublishedId;
      this.#engine = true;
      feed.local(true);
      engine.start();
      log.info("this node runs the engine", { node: nodeId, term, lastId: engine.lastPublishedId });
      this.#report();
    } catch (error) {
      log.error("this node could not become the engine: the lease is given back", { node: nodeId, error });
      await this.deps.lease.stop();
      if (this.deps.mode === "auto") this.deps.lease.start();
    }
  }

  async #follow(): Promise<void> {
    if (!this.#engine) return;
    this.#engine = false;
    this.deps.engine.stop();
    this.deps.feed.local(false);
    this.deps.log.info("this node follows the cluster's engine", { node: this.deps.nodeId });
  }

  #announce(ticks: readonly Tick[]): void {
    if (!this.#engine) return;
    const round: TickRound = { node: this.deps.nodeId, prevId: this.#sentId, ticks: [...ticks] };
    this.#sentId = ticks.at(-1)?.id ?? this.#sentId;
    this.deps.broker.publish("ticks", JSON.stringify(round)).catch(() => {
      // Followers catch up from the database on the next round or report.
    });
  }

  #announcePortfolios(slugs: ReadonlySet<string>): void {
    const message = JSON.stringify({ node: this.deps.nodeId, slugs: [...slugs] });
    this.deps.broker.publish("portfolios", message).catch((error: unknown) => {
      this.deps.log.error("a portfolio change could not be announced", { slugs: [...slugs], error });
    });
  }

  #report(): void {
    if (!this.#engine) return;
    const report: FeedReport = {
      node: this.deps.nodeId,
      health: this.deps.engine.feed.health,
      lastId: this.deps.engine.lastPublishedId,
    };
    this.deps.broker.publish("feed", JSON.stringify(report)).catch(() => {});
  }
}

/**
 * This node's part in a cluster (`BROKER_URL` set): its broker connection, its campaign for the
 * engine's lease, and the node that ties them to the engine, the writer and the portfolios.
 * @example const node = joinCluster(config.cluster, brokerUrl, { db, engine, store, writer, portfolios, feed, log });
 */
export function joinCluster(
  settings: Pick<ClusterConfig, "nodeId" | "engine" | "engineLeaseMs">,
  brokerUrl: string,
  deps: Omit<ClusterNodeDeps, "nodeId" | "mode" | "leaseMs" | "broker" | "lease">,
): ClusterNode {
  const broker = new Broker(brokerUrl, deps.log);
  const lease = new EngineLease(broker, { nodeId: settings.nodeId, leaseMs: settings.engineLeaseMs }, deps.log);
  return new ClusterNode({
    ...deps,
    nodeId: settings.nodeId,
    mode: settings.engine,
    leaseMs: settings.engineLeaseMs,
    broker,
    lease,
  });
}
