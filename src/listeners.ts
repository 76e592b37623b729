/**
 * The listeners of one kind of change. `add` returns the function that removes the listener,
 * `emit` calls each in the order they were added.
 * @example const changes = new Listeners<FeedHealth>(); const stop = changes.add(render); changes.emit(health);
 */
export class Listeners<T> {
  readonly #listeners = new Set<(value: T) => void>();

  add(listener: (value: T) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(value: T): void {
    for (const listener of this.#listeners) listener(value);
  }

  get size(): number {
    return this.#listeners.size;
  }
}
