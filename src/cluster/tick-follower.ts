import type { PriceEngine } from "../engine/price-engine.ts";
import type { Tick } from "../engine/tick.ts";
import type { Logger } from "../log.ts";
import type { TickStore } from "../store/tick-store.ts";

/** A round of committed ticks as the engine's node sends it: `prevId` is the last id it published before. */
export interface TickRound {
  node: string;
  prevId: number;
  ticks: Tick[];
}

/** Ticks read from the database per query while catching up. */
const CATCH_UP_PAGE = 5_000;

/**
 * Publishes on this node what the cluster's engine committed, in id order, with no gap and nothing
 * twice: a round whose `prevId` is above what this node published means rounds were missed (broker
 * down, a reconnection, a failover), and the missing ticks are read from the database first. Rounds
 * are handled one after another; one that cannot be completed (database down) is left for the next.
 * @example const follower = new TickFollower(engine, store, log); broker.subscribe("ticks", (m) => follower.take(JSON.parse(m)));
 */
export class TickFollower {
  #chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly engine: Pick<PriceEngine, "lastPublishedId" | "publish">,
    private readonly store: Pick<TickStore, "after">,
    private readonly log: Logger,
  ) {}

  /** Publish a round sent by the engine's node (after what it missed). */
  take(round: TickRound): Promise<void> {
    return this.#then(async () => {
      const fresh = round.ticks.filter((tick) => tick.id > this.engine.lastPublishedId);
      const first = fresh[0];
      if (!first) return;
      if (round.prevId > this.engine.lastPublishedId) await this.#catchUp(first.id - 1);
      if (this.engine.lastPublishedId < round.prevId) return;
      this.engine.publish(fresh.filter((tick) => tick.id > this.engine.lastPublishedId));
    });
  }

  /** Publish every committed tick up to `upTo` this node has not published (all of them by default). */
  catchUp(upTo = Number.MAX_SAFE_INTEGER): Promise<void> {
    return this.#then(() => this.#catchUp(upTo));
  }

  async #catchUp(upTo: number): Promise<void> {
    try {
      for (;;) {
        const missed = await this.store.after(this.engine.lastPublishedId, CATCH_UP_PAGE, upTo);
        if (missed.length === 0) return;
        this.engine.publish(missed);
        if (missed.length < CATCH_UP_PAGE) return;
      }
    } catch (error) {
      this.log.error("missed ticks cannot be read from the database yet", {
        after: this.engine.lastPublishedId,
        error,
      });
    }
  }

  #then(step: () => Promise<void>): Promise<void> {
    const run = this.#chain.then(step);
    this.#chain = run.catch(() => {});
    return run;
  }
}
