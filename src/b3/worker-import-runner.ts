import type { WriteTurns } from "../store/write-turns.ts";
import type { ImportContext, ImportRunner } from "./import-runner.ts";
import type { ImportRecord } from "./import-store.ts";
import type { WorkerError, WorkerMessage, WorkerRequest } from "./import-worker-protocol.ts";

/**
 * The worker's entry point: next to this file, or in the executable (`bun run build`) where the
 * bundler put it, under its path from `src/` (the executable's own code is at its root).
 */
const WORKER_ENTRY = /\/(\$bunfs|~BUN)\//.test(import.meta.url)
  ? new URL("./b3/import-worker.ts", import.meta.url).href
  : new URL("./import-worker.ts", import.meta.url).href;

/** An error from the worker, with the code (SQLITE_FULL…) that says what it was. */
class ImportWorkerError extends Error {
  readonly code: unknown;
  constructor({ message, code }: WorkerError) {
    super(message);
    this.code = code;
  }
}

interface Run {
  context: ImportContext;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * The imports of a `file:` database, run whole in the import worker (import-worker.ts): this thread
 * posts each import and hears its events and log lines, so the server's event loop goes on serving
 * requests while files are read, parsed and written. A worker that dies fails the imports it ran
 * (they stay `running`, to be resumed) and the next import starts a new one.
 * The worker writes in `turns` with the server's writes (see WriteTurns).
 * @example const runner = await WorkerImportRunner.open("file:data/tickertape.db", "PRAGMA journal_mode = WAL", turns);
 */
export class WorkerImportRunner implements ImportRunner {
  readonly #runs = new Map<number, Run>();
  #worker: Worker | undefined;
  #closed = false;

  private constructor(
    private readonly url: string,
    private readonly pragmas: string,
    private readonly turns: WriteTurns,
  ) {}

  /** Start the worker on the database at `url`, its rows' connection set with `pragmas`. */
  static async open(url: string, pragmas: string, turns: WriteTurns): Promise<WorkerImportRunner> {
    const runner = new WorkerImportRunner(url, pragmas, turns);
    await runner.#start();
    return runner;
  }

  run(record: ImportRecord, context: ImportContext, signal: AbortSignal): Promise<void> {
    if (this.#closed) return Promise.reject(new Error("the import worker is closed"));
    if (!this.#worker) this.#start().catch(() => {});
    const stop = () => this.#post({ kind: "stop", id: record.id });
    return new Promise<void>((resolve, reject) => {
      this.#runs.set(record.id, { context, resolve, reject });
      this.#post({ kind: "run", record, maxUnzippedBytes: context.maxUnzippedBytes });
      signal.addEventListener("abort", stop, { once: true });
      if (signal.aborted) stop();
    }).finally(() => signal.removeEventListener("abort", stop));
  }

  /** Close the worker's connections, then the worker, once what was posted before is done. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#post({ kind: "close" });
  }

  /** A new worker, opened on the database: resolves once it is, rejects (and fails the runs) if it cannot be. */
  #start(): Promise<void> {
    // Listed in scripts/build.ts's entry points too: the executable embeds it. `smol`: a smaller heap.
    const worker = new Worker(WORKER_ENTRY, { smol: true } as WorkerOptions);
    // Bun's Worker: it does not keep the process alive by itself.
    (worker as Worker & { unref(): void }).unref();
    this.#worker = worker;
    const opened = new Promise<void>((resolve, reject) => {
      worker.onmessage = ({ data }: MessageEvent<WorkerMessage>) => {
        if (data.kind === "opened") resolve();
        else if (data.kind === "openFailed") {
          reject(new ImportWorkerError(data.error));
          this.#lost(worker, new ImportWorkerError(data.error));
        } else this.#hear(worker, data);
      };
    });
    worker.onerror = (event) => this.#lost(worker, new Error(`the import worker stopped: ${event.message}`));
    this.#post({ kind: "open", url: this.url, pragmas: this.pragmas, turns: this.turns.shared });
    return opened;
  }

  #hear(worker: Worker, message: WorkerMessage): void {
    switch (message.kind) {
      case "event":
        this.#runs.get(message.event.status.id)?.context.events.emit(message.event);
        return;
      case "log":
        this.#runs.get(message.id)?.context.log[message.level](message.message, message.fields);
        return;
      case "ended": {
        const run = this.#runs.get(message.id);
        this.#runs.delete(message.id);
        if (message.error) run?.reject(new ImportWorkerError(message.error));
        else run?.resolve();
        return;
      }
      case "closed":
        worker.terminate();
        return;
    }
  }

  /** The worker is gone: its imports fail (they stay `running`, to be resumed), and the next one starts another. */
  #lost(worker: Worker, error: Error): void {
    if (this.#worker !== worker) return;
    this.#worker = undefined;
    worker.terminate();
    this.turns.importerGone();
    for (const run of this.#runs.values()) run.reject(error);
    this.#runs.clear();
  }

  #post(request: WorkerRequest): void {
    this.#worker?.postMessage(request);
  }
}
