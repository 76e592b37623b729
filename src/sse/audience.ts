import type { Tick } from "../engine/tick.ts";
import type { Logger } from "../log.ts";
import type { Connection } from "./connection.ts";

/** What the streams of one kind send; both answer bytes built once and shared by every client of a key. */
export interface AudienceContent {
  /** What a round of committed ticks sends to the clients watching `key`; undefined: nothing. */
  round(key: string, ticks: readonly Tick[]): Uint8Array | undefined;
  /** The whole current state for `key`, for a client that skipped rounds while its socket was full. */
  snapshot(key: string): Uint8Array | undefined;
}

/**
 * The open streams of one kind, grouped by what they show (a symbol set, a board, a portfolio):
 * each round is rendered and encoded once per group, and the same bytes are queued for every client
 * in it: one write per client per round, no per-client rendering, promise or encoding.
 * @example const boards = new Audience("board", content, log); boards.join(conn, "AAPL,MSFT");
 */
export class Audience {
  readonly #groups = new Map<string, Set<Connection>>();
  readonly #keyOf = new Map<Connection, string>();

  constructor(
    readonly name: string,
    private readonly content: AudienceContent,
    private readonly log: Logger,
  ) {}

  /** `conn` watches `key` from now on (again: it moves there); it leaves when it closes. */
  join(conn: Connection, key: string): void {
    if (conn.closed) return;
    const known = this.#keyOf.has(conn);
    this.#leave(conn);
    this.#keyOf.set(conn, key);
    const group = this.#groups.get(key) ?? new Set<Connection>();
    this.#groups.set(key, group);
    group.add(conn);
    conn.catchUpWith(() => this.#render(key, () => this.content.snapshot(key)));
    if (!known) conn.onClose(() => this.#leave(conn));
  }

  /** Whether a client watches `key` right now. */
  watches(key: string): boolean {
    return this.#groups.has(key);
  }

  /** The keys watched right now. */
  keys(): IterableIterator<string> {
    return this.#groups.keys();
  }

  get size(): number {
    return this.#keyOf.size;
  }

  /** A round of committed ticks, to every group it concerns. */
  deliver(ticks: readonly Tick[]): void {
    for (const [key, group] of this.#groups) {
      const bytes = this.#render(key, () => this.content.round(key, ticks));
      if (bytes) for (const conn of group) conn.write(bytes);
    }
  }

  /** A side update (latest value wins) for every client, or only those watching `key`. */
  update(slot: string, bytes: Uint8Array, key?: string): void {
    const targets = key === undefined ? this.#keyOf.keys() : (this.#groups.get(key) ?? []);
    for (const conn of targets) conn.update(slot, bytes);
  }

  /** Move every client of `from` to `to` (a board whose symbols changed). */
  rekey(from: string, to: string): void {
    for (const conn of [...(this.#groups.get(from) ?? [])]) this.join(conn, to);
  }

  #leave(conn: Connection): void {
    const key = this.#keyOf.get(conn);
    if (key === undefined) return;
    this.#keyOf.delete(conn);
    const group = this.#groups.get(key);
    group?.delete(conn);
    if (group?.size === 0) this.#groups.delete(key);
  }

  /** Render for a group; a failure is logged with its stack and sends nothing, the stream stays open. */
  #render(key: string, render: () => Uint8Array | undefined): Uint8Array | undefined {
    try {
      return render();
    } catch (error) {
      this.log.error("stream update not rendered", { audience: this.name, key, error });
      return undefined;
    }
  }
}
