import type { Logger } from "../log.ts";

/**
 * Runs imports in the background, at most `concurrency` at a time, in arrival order.
 * `stop()` aborts the running ones (they stay `running` in the database, to be resumed) and waits for
 * them; `cancel(id)` aborts one.
 */
export class ImportQueue {
  readonly #waiting: number[] = [];
  readonly #running = new Map<number, { job: Promise<void>; abort: AbortController }>();
  readonly #stop = new AbortController();

  constructor(
    private readonly run: (id: number, signal: AbortSignal) => Promise<void>,
    private readonly concurrency: number,
    private readonly log: Logger,
  ) {}

  enqueue(id: number): void {
    if (this.#stop.signal.aborted || this.#running.has(id) || this.#waiting.includes(id)) return;
    this.#waiting.push(id);
    this.#pump();
  }

  /** The imports running now. */
  get running(): number[] {
    return [...this.#running.keys()];
  }

  /** Stop import `id` where it is (another node took it over): it stays `running`, resumed there. */
  cancel(id: number): void {
    this.#running.get(id)?.abort.abort();
    const waiting = this.#waiting.indexOf(id);
    if (waiting >= 0) this.#waiting.splice(waiting, 1);
  }

  async stop(): Promise<void> {
    this.#stop.abort();
    this.#waiting.length = 0;
    await Promise.allSettled([...this.#running.values()].map((running) => running.job));
  }

  #pump(): void {
    while (this.#running.size < this.concurrency) {
      const id = this.#waiting.shift();
      if (id === undefined) return;
      const abort = new AbortController();
      const job = this.run(id, AbortSignal.any([this.#stop.signal, abort.signal]))
        .catch((error: unknown) => this.log.error("import crashed", { id, error }))
        .finally(() => {
          this.#running.delete(id);
          this.#pump();
        });
      this.#running.set(id, { job, abort });
    }
  }
}
