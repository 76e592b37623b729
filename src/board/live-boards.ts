/**
 * The symbol sets of boards that have a stream open right now. Streams read the set on every
 * tick, so a subscribe in one request changes what the board's open streams deliver.
 * @example const live = boards.open(id, ["AAPL"]); boards.update(id, ["MSFT"]); live.has("MSFT") // true
 */
export class LiveBoards {
  readonly #boards = new Map<string, { symbols: Set<string>; streams: number }>();

  /** A stream of `boardId` opens; returns the live set it should filter by. */
  open(boardId: string, symbols: readonly string[]): ReadonlySet<string> {
    const entry = this.#boards.get(boardId) ?? { symbols: new Set<string>(), streams: 0 };
    this.#boards.set(boardId, entry);
    entry.streams++;
    this.update(boardId, symbols);
    return entry.symbols;
  }

  close(boardId: string): void {
    const entry = this.#boards.get(boardId);
    if (entry && --entry.streams <= 0) this.#boards.delete(boardId);
  }

  /** The board's symbols changed (subscribe or unsubscribe): open streams follow. */
  update(boardId: string, symbols: readonly string[]): void {
    const entry = this.#boards.get(boardId);
    if (!entry) return;
    entry.symbols.clear();
    for (const symbol of symbols) entry.symbols.add(symbol);
  }
}
