import type { WorkerReply, WorkerRequest } from "./import-worker-protocol.ts";
import { packRuns } from "./packed-runs.ts";
import type { BatchCounts, RowRun } from "./row-batch.ts";
import type { RowSink } from "./row-sink.ts";
import type { SqlStatement } from "./sql-statement.ts";

/** A request without its number (WorkerRowSink numbers them). */
type Request = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, "seq"> : never) : never;

/**
 * The worker's entry point: next to this file, or in the executable (`bun run build`) where the
 * bundler put it, under its path from `src/` (the executable's own code is at its root).
 */
const WORKER_ENTRY = /\/(\$bunfs|~BUN)\//.test(import.meta.url)
  ? new URL("./b3/import-worker.ts", import.meta.url).href
  : new URL("./import-worker.ts", import.meta.url).href;

/** An error from the worker, with the code (SQLITE_FULL…) that says what it was. */
class WorkerError extends Error {
  constructor(
    message: string,
    readonly code: unknown,
  ) {
    super(message);
  }
}

/**
 * The rows of a `file:` database, written by the import worker (import-worker.ts) on its own thread
 * and connection: `write` posts the runs and resolves with what the transaction did, so the server's
 * event loop goes on serving requests while the rows are written. Requests run in the order they
 * are posted, one at a time.
 * @example const sink = await WorkerRowSink.open("data/tickertape.db", "PRAGMA journal_mode = WAL", 1500);
 */
export class WorkerRowSink implements RowSink {
  readonly #pending = new Map<number, { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void }>();
  /** The worker runs its requests in order: an import posts its next batch while the last one is written. */
  readonly pendingWrites = 2;
  #seq = 0;
  #closed = false;

  private constructor(
    private readonly worker: Worker,
    readonly rowsPerTransaction: number,
  ) {
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      const waiting = this.#pending.get(reply.seq);
      this.#pending.delete(reply.seq);
      if (reply.kind === "error") waiting?.reject(new WorkerError(reply.error.message, reply.error.code));
      else waiting?.resolve(reply);
    };
    worker.onerror = (event) => this.#failAll(new Error(`the import worker stopped: ${event.message}`));
  }

  /** Start the worker and open the database file at `path` there, with `pragmas`. */
  static async open(path: string, pragmas: string, rowsPerTransaction: number): Promise<WorkerRowSink> {
    // Listed in scripts/build.ts's entry points too: the executable embeds it. `smol`: a smaller heap,
    // collected more often (measured: RSS no higher, imports no slower).
    const worker = new Worker(WORKER_ENTRY, {
      smol: true,
    } as WorkerOptions);
    // Bun's Worker: it does not keep the process alive.
    (worker as Worker & { unref(): void }).unref();
    const sink = new WorkerRowSink(worker, rowsPerTransaction);
    try {
      await sink.#ask({ kind: "open", path, pragmas, rowsPerTransaction });
    } catch (error) {
      worker.terminate();
      throw error;
    }
    return sink;
  }

  async write(importId: number, runs: readonly RowRun[], state: SqlStatement): Promise<BatchCounts> {
    const reply = await this.#ask({ kind: "write", importId, runs: packRuns(runs, importId), state });
    if (reply.kind !== "written") throw new Error(`the import worker answered ${reply.kind} to a write`);
    return reply.counts;
  }

  async release(importId: number): Promise<void> {
    await this.#ask({ kind: "release", importId });
  }

  /** Close the worker's connection, then the worker; what was asked before is done first. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    const stop = () => this.worker.terminate();
    this.#ask({ kind: "close" }, true).then(stop, stop);
  }

  #ask(request: Request, closing = false): Promise<WorkerReply> {
    if (this.#closed && !closing) return Promise.reject(new Error("the import worker is closed"));
    const seq = ++this.#seq;
    return new Promise((resolve, reject) => {
      this.#pending.set(seq, { resolve, reject });
      this.worker.postMessage({ ...request, seq });
    });
  }

  #failAll(error: Error): void {
    for (const { reject } of this.#pending.values()) reject(error);
    this.#pending.clear();
  }
}
