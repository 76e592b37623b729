import { Listeners } from "../listeners.ts";
import type { ImportStatus } from "./import-status.ts";

/** `created`: a new upload; `progress`: a batch was written; `finished`: done or failed. */
export interface ImportEvent {
  kind: "created" | "started" | "progress" | "finished";
  status: ImportStatus;
}

/** Progress of one import is passed on at most this often; other events always are. */
export const PROGRESS_INTERVAL_MS = 250;

/**
 * The imports' changes, for pages and streams in this process.
 * @example const stop = events.onEvent((e) => send(e.status));
 */
export class ImportEvents {
  readonly #listeners = new Listeners<ImportEvent>();
  readonly #lastProgress = new Map<number, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Call `listener` on every event; returns the function that stops it. */
  onEvent(listener: (event: ImportEvent) => void): () => void {
    return this.#listeners.add(listener);
  }

  emit(event: ImportEvent): void {
    const id = event.status.id;
    if (event.kind === "progress") {
      const last = this.#lastProgress.get(id);
      if (last !== undefined && this.now() - last < PROGRESS_INTERVAL_MS) return;
      this.#lastProgress.set(id, this.now());
    } else if (event.kind === "finished") this.#lastProgress.delete(id);
    this.#listeners.emit(event);
  }
}
