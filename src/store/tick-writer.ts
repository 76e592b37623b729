import type { Client } from "@libsql/client";
import type { Tick } from "../engine/tick.ts";
import type { Logger } from "../log.ts";

export interface TickWriterOptions {
  /** Flush when this many ticks wait. */
  batchSize: number;
  /** Flush at least this often while ticks wait. */
  flushMs: number;
}

const COLUMNS = "(id, symbol, seq, price, prev_price, change, change_percent, ts)";
/** Rows per INSERT statement: multi-row statements are many times faster than single rows. */
const ROWS_PER_STATEMENT = 150;

/**
 * Persists ticks in batches: multi-row INSERTs, flushed every `batchSize` ticks or
 * `flushMs` ms, whichever comes first. `close()` flushes what is left.
 */
export class TickWriter {
  #pending: Tick[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #flushing: Promise<void> = Promise.resolve();
  written = 0;
  failures = 0;

  constructor(
    private readonly db: Client,
    private readonly options: TickWriterOptions,
    private readonly log: Logger,
  ) {}

  add(tick: Tick): void {
    this.#pending.push(tick);
    if (this.#pending.length >= this.options.batchSize) void this.flush();
    else this.#timer ??= setTimeout(() => void this.flush(), this.options.flushMs);
  }

  get pending(): number {
    return this.#pending.length;
  }

  /** Write everything added so far; concurrent calls are serialised. */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#pending;
    this.#pending = [];
    this.#flushing = this.#flushing.then(() => this.#write(batch));
    return this.#flushing;
  }

  async close(): Promise<void> {
    await this.flush();
  }

  async #write(batch: Tick[]): Promise<void> {
    if (batch.length === 0) return;
    try {
      await this.db.batch(insertStatements(batch), "write");
      this.written += batch.length;
    } catch (error) {
      this.failures++;
      this.log.error("tick batch not written, retrying with the next flush", { ticks: batch.length, error: String(error) });
      this.#pending = batch.concat(this.#pending);
      this.#timer ??= setTimeout(() => void this.flush(), this.options.flushMs);
    }
  }
}

function insertStatements(ticks: Tick[]): { sql: string; args: (string | number)[] }[] {
  const statements = [];
  for (let start = 0; start < ticks.length; start += ROWS_PER_STATEMENT) {
    const chunk = ticks.slice(start, start + ROWS_PER_STATEMENT);
    const args = chunk.flatMap((t) => [t.id, t.symbol, t.seq, t.price, t.prevPrice, t.change, t.changePercent, t.ts]);
    const values = chunk.map(() => "(?, ?, ?, ?, ?, ?, ?, ?)").join(", ");
    statements.push({ sql: `INSERT OR IGNORE INTO ticks ${COLUMNS} VALUES ${values}`, args });
  }
  return statements;
}
