import type { Logger } from "../log.ts";

/**
 * Runs imports in the background, at most `concurrency` at a time, in arrival order.
 * `stop()` aborts the running ones (they stay `running` in the database, to be resumed) and waits for them.
 */
export class ImportQueue {
  readonly #waiting: number[] = [];
  readonly #running = new Map<number, Promise<void>>();
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

  async stop(): Promise<void> {
    this.#stop.abort();
    this.#waiting.length = 0;
    await Promise.allSettled(this.#running.values());
  }

  #pump(): void {
    while (this.#running.size < this.concurrency) {
      const id = this.#waiting.shift();
      if (id === undefined) return;
      const job = this.run(id, this.#stop.signal)
        .catch((error: unknown) => this.log.error("import crashed", { id, error }))
        .finally(() => {
          this.#running.delete(id);
          this.#pump();
        });
      this.#running.set(id, job);
    }
  }
}
