import { type FeedHealth, freshFeedHealth } from "../engine/feed-health.ts";
import type { MarketFeed } from "../engine/market.ts";
import { Listeners } from "../listeners.ts";
import type { BrokerHealth } from "./broker.ts";

/** What the engine's node says of its feed, every few seconds and on each change. */
export interface FeedReport {
  node: string;
  health: FeedHealth;
  /** The last id it published. */
  lastId: number;
}

/**
 * The feed as this node's readers see it: the local engine's while this node is the engine, else
 * the last report of the engine's node. A follower that hears nothing (broker down, no engine for
 * two leases) shows the feed interrupted, saying why, so its pages mark their prices stale.
 * @example const feed = new ClusterFeed(engine.feed, { leaseMs: 5000 }); createMarket({ engine, history, feed });
 */
export class ClusterFeed implements MarketFeed {
  #local = false;
  #report: FeedReport | undefined;
  #heardAt = 0;
  #broker: BrokerHealth = { connected: true, downSince: null, lastError: null };
  readonly #changes = new Listeners<FeedHealth>();
  #last: FeedHealth;
  readonly #timer: ReturnType<typeof setInterval>;
  readonly #stopOwn: () => void;

  constructor(
    private readonly own: MarketFeed,
    private readonly options: { leaseMs: number; now?: () => number },
  ) {
    this.#last = this.health;
    this.#stopOwn = own.onChange(() => this.#changed());
    this.#timer = setInterval(() => this.#changed(), options.leaseMs);
  }

  get health(): FeedHealth {
    if (this.#local) return this.own.health;
    const now = (this.options.now ?? Date.now)();
    const report = this.#report?.health;
    const base = report ?? freshFeedHealth(this.own.health.source);
    if (!this.#broker.connected)
      return this.#interrupted(
        base,
        this.#broker.downSince ?? now,
        `the message broker is unreachable (${this.#broker.lastError})`,
      );
    if (!report) return this.#interrupted(base, now, "waiting for the cluster's engine");
    if (now - this.#heardAt > 2 * this.options.leaseMs)
      return this.#interrupted(
        base,
        this.#heardAt,
        `no word from the engine (${this.#report?.node}) since ${new Date(this.#heardAt).toISOString()}`,
      );
    return report;
  }

  /** The node whose engine feeds this node, as last heard; this node's own id is not known here. */
  get engineNode(): string | null {
    return this.#report?.node ?? null;
  }

  onChange(listener: (health: FeedHealth) => void): () => void {
    return this.#changes.add(listener);
  }

  /** This node's engine runs (true) or another node's does (false). */
  local(isLocal: boolean): void {
    this.#local = isLocal;
    this.#changed();
  }

  heard(report: FeedReport): void {
    this.#report = report;
    this.#heardAt = (this.options.now ?? Date.now)();
    this.#changed();
  }

  broker(health: BrokerHealth): void {
    this.#broker = health;
    this.#changed();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#stopOwn();
  }

  #interrupted(base: FeedHealth, since: number, why: string): FeedHealth {
    return { ...base, state: "open", interruptedSince: since, lastError: why };
  }

  #changed(): void {
    const health = this.health;
    if (JSON.stringify(health) === JSON.stringify(this.#last)) return;
    this.#last = health;
    this.#changes.emit(health);
  }
}
