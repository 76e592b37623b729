import type { Client, InStatement } from "@libsql/client";
import type { Tick } from "../engine/tick.ts";
import { Listeners } from "../listeners.ts";
import type { Logger } from "../log.ts";
import { valuesPlaceholders } from "./values-placeholders.ts";

export interface TickWriterOptions {
  /** Most ticks in one transaction. */
  batchSize: number;
  /** Most ticks waiting for the database; past it `add` refuses (the database keeps failing). */
  maxBacklog: number;
  /** Called with each committed batch, in order: only durable ticks are published. */
  onCommitted: (ticks: readonly Tick[]) => void;
  /** More statements in each batch's transaction (what the ticks sum up to: candles, statistics). */
  alsoWrite?: (ticks: readonly Tick[]) => InStatement[];
}

/**
 * A statement run first in every batch that fails it when this node may no longer write ticks
 * (another node became the engine), and how to tell that failure from others.
 */
export interface WriteFence {
  statement: InStatement;
  refuses: (error: unknown) => boolean;
}

/** What the writer reports to health checks. */
export interface WriterHealth {
  /** False while the last attempt to write failed. */
  ok: boolean;
  pending: number;
  consecutiveFailures: number;
  lastError: string | null;
}

/** One committed batch: its ticks, and how long its transaction took. */
export interface CommittedBatch {
  ticks: number;
  seconds: number;
}

const COLUMNS = "(id, symbol, seq, price, prev_price, change, change_percent, ts)";
const COLUMN_COUNT = COLUMNS.split(",").length;
/** Rows per INSERT statement: multi-row statements are many times faster than single rows. */
const ROWS_PER_STATEMENT = 150;
const RETRY_FIRST_MS = 50;
const RETRY_MAX_MS = 5_000;
/** On close, a database that keeps failing is given this many more attempts before ticks are given up. */
const CLOSE_ATTEMPTS = 5;

/**
 * Group commit: ticks added while a transaction is in flight are committed together as soon as it
 * ends, so a tick waits for at most one commit. A batch is handed to `onCommitted` only after its
 * transaction committed; a failed one is retried with backoff, ahead of newer ticks, never dropped.
 * @example const writer = new TickWriter(db, { batchSize: 500, maxBacklog: 100_000, onCommitted }, log);
 */
export class TickWriter {
  #pending: Tick[] = [];
  #draining: Promise<void> | undefined;
  #failures = 0;
  #lastError: string | null = null;
  #closing = false;
  #fence: WriteFence | undefined;
  readonly #commits = new Listeners<CommittedBatch>();
  written = 0;

  constructor(
    private readonly db: Client,
    private readonly options: TickWriterOptions,
    private readonly log: Logger,
  ) {}

  /** Queue a tick for the next commit; false (tick refused) while the backlog is full. */
  add(tick: Tick): boolean {
    if (this.#pending.length >= this.options.maxBacklog) return false;
    this.#pending.push(tick);
    this.#draining ??= this.#drain();
    return true;
  }

  get health(): WriterHealth {
    return {
      ok: this.#failures === 0,
      pending: this.#pending.length,
      consecutiveFailures: this.#failures,
      lastError: this.#lastError,
    };
  }

  /**
   * Guard every batch from now on with `fence`: a batch it refuses is dropped with every tick waiting
   * (never committed, never published), since another node numbers from the database now.
   */
  fence(fence: WriteFence | undefined): void {
    this.#fence = fence;
  }

  /** Call `listener` after each committed batch (for metrics); returns the function that stops it. */
  onCommit(listener: (batch: CommittedBatch) => void): () => void {
    return this.#commits.add(listener);
  }

  /** Resolves once every tick added so far is committed (and published), or given up on close. */
  async flush(): Promise<void> {
    while (this.#draining) await this.#draining;
  }

  async close(): Promise<void> {
    this.#closing = true;
    await this.flush();
  }

  async #drain(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    while (this.#pending.length > 0) {
      const batch = this.#pending.slice(0, this.options.batchSize);
      const started = performance.now();
      try {
        const guard = this.#fence ? [this.#fence.statement] : [];
        await this.db.batch(
          [...guard, ...insertStatements(batch), ...(this.options.alsoWrite?.(batch) ?? [])],
          "write",
        );
      } catch (error) {
        if (this.#fence?.refuses(error)) {
          this.log.error("ticks not written: another node is the engine now; they are dropped, never published", {
            ticks: this.#pending.length,
          });
          this.#pending = [];
          break;
        }
        if (!(await this.#failed(error, batch.length))) break;
        continue;
      }
      this.#pending.splice(0, batch.length);
      this.written += batch.length;
      this.#failures = 0;
      this.#lastError = null;
      this.#commits.emit({ ticks: batch.length, seconds: (performance.now() - started) / 1000 });
      this.options.onCommitted(batch);
    }
    this.#draining = undefined;
  }

  /** Log, wait before the next attempt; false once a closing writer has tried enough. */
  async #failed(error: unknown, ticks: number): Promise<boolean> {
    this.#failures++;
    this.#lastError = error instanceof Error ? error.message : String(error);
    const giveUp = this.#closing && this.#failures >= CLOSE_ATTEMPTS;
    this.log.error(giveUp ? "ticks not written, giving up on close" : "tick batch not written, retrying", {
      ticks: giveUp ? this.#pending.length : ticks,
      consecutiveFailures: this.#failures,
      error,
    });
    if (giveUp) return false;
    await Bun.sleep(Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** (this.#failures - 1)));
    return true;
  }
}

function insertStatements(ticks: Tick[]): { sql: string; args: (string | number)[] }[] {
  const statements = [];
  for (let start = 0; start < ticks.length; start += ROWS_PER_STATEMENT) {
    const chunk = ticks.slice(start, start + ROWS_PER_STATEMENT);
    const args = chunk.flatMap((t) => [t.id, t.symbol, t.seq, t.price, t.prevPrice, t.change, t.changePercent, t.ts]);
    const values = valuesPlaceholders(chunk.length, COLUMN_COUNT);
    statements.push({ sql: `INSERT OR IGNORE INTO ticks ${COLUMNS} VALUES ${values}`, args });
  }
  return statements;
}
