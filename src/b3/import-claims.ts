import type { Client } from "@libsql/client";
import type { Logger } from "../log.ts";
import type { Migration } from "../store/migrations.ts";
import type { ImportQueue } from "./import-queue.ts";

/** Who runs an import: the node that claimed it, until when (renewed while it runs). */
export const IMPORT_CLAIM_MIGRATIONS: readonly Migration[] = [
  {
    version: 11,
    statements: [
      "ALTER TABLE imports ADD COLUMN claimed_by TEXT",
      "ALTER TABLE imports ADD COLUMN claimed_until INTEGER",
    ],
  },
];

const UNFINISHED = "status IN ('queued', 'running')";

/**
 * Claims on imports, so one node runs each: a node claims an unfinished import whose claim is free or
 * expired, renews its claims while it lives, and gives them back when it stops. A node that dies
 * (kill -9) leaves claims that expire after `claimMs`; another node then claims and resumes them.
 * @example const claims = new ImportClaims(db, { nodeId: "node-a", claimMs: 5000 }); if (await claims.claim(7)) queue.enqueue(7);
 */
export class ImportClaims {
  #timer: ReturnType<typeof setInterval> | undefined;
  #rounds: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Client,
    private readonly options: { nodeId: string; claimMs: number; now?: () => number },
  ) {}

  /** Claim import `id` for this node; false when another node holds a live claim, or it is finished. */
  async claim(id: number): Promise<boolean> {
    const now = this.#now();
    const result = await this.db.execute({
      sql: `UPDATE imports SET claimed_by = ?1, claimed_until = ?2 WHERE id = ?3 AND ${UNFINISHED}
              AND (claimed_by IS NULL OR claimed_by = ?1 OR claimed_until < ?4)`,
      args: [this.options.nodeId, now + this.options.claimMs, id, now],
    });
    return result.rowsAffected === 1;
  }

  /** The unfinished imports no live node holds, oldest first. */
  async claimable(): Promise<number[]> {
    const result = await this.db.execute({
      sql: `SELECT id FROM imports WHERE ${UNFINISHED} AND (claimed_by IS NULL OR claimed_until < ?) ORDER BY id`,
      args: [this.#now()],
    });
    return result.rows.map((row) => Number(row.id));
  }

  /** Extend this node's claims; the unfinished imports it still holds. */
  async renew(): Promise<Set<number>> {
    const now = this.#now();
    const { nodeId, claimMs } = this.options;
    const [, held] = await this.db.batch(
      [
        {
          sql: `UPDATE imports SET claimed_until = ? WHERE claimed_by = ? AND claimed_until >= ? AND ${UNFINISHED}`,
          args: [now + claimMs, nodeId, now],
        },
        {
          sql: `SELECT id FROM imports WHERE claimed_by = ? AND claimed_until > ? AND ${UNFINISHED}`,
          args: [nodeId, now],
        },
      ],
      "write",
    );
    return new Set((held?.rows ?? []).map((row) => Number(row.id)));
  }

  /**
   * Every third of `claimMs`: renew this node's claims (an import whose claim another node took over
   * is stopped here), then claim and queue the imports no live node holds (at once, too).
   */
  keep(queue: Pick<ImportQueue, "enqueue" | "cancel" | "running">, log: Logger): void {
    const round = async () => {
      try {
        const held = await this.renew();
        for (const id of queue.running) {
          if (held.has(id)) continue;
          log.warn("another node took this import over: it stops here", { id });
          queue.cancel(id);
        }
        for (const id of await this.claimable()) if (await this.claim(id)) queue.enqueue(id);
      } catch (error) {
        log.error("import claims cannot be renewed now", { error });
      }
    };
    this.#rounds = round();
    this.#timer = setInterval(
      () => {
        this.#rounds = this.#rounds.then(round);
      },
      Math.max(50, Math.floor(this.options.claimMs / 3)),
    );
  }

  /** Stop keeping claims and give them back (a stopping node): another node may take them at once. */
  async release(): Promise<void> {
    clearInterval(this.#timer);
    await this.#rounds;
    await this.db.execute({
      sql: "UPDATE imports SET claimed_until = 0 WHERE claimed_by = ?",
      args: [this.options.nodeId],
    });
  }

  #now(): number {
    return (this.options.now ?? Date.now)();
  }
}
