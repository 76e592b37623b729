import type { ImportEvent } from "../b3/import-events.ts";
import type { Market } from "../engine/market.ts";
import type { Tick } from "../engine/tick.ts";
import type { Logger } from "../log.ts";
import { Audience } from "../sse/audience.ts";
import type { Connection } from "../sse/connection.ts";
import { bytesOf, formatEvent, RETRY_MS } from "../sse/frame.ts";
import type { TickFrames } from "../sse/tick-frames.ts";
import type { StoredReplay } from "./stored-ticks.ts";

/** What an integration asked for. */
export interface TickStreamRequest {
  /** The symbols it follows; empty: all. */
  symbols: readonly string[];
  /** The last id it saw, when it resumes and this server published it. */
  resumeFrom: number | undefined;
  /** What it missed beyond memory, read from the database (`storedReplay`). */
  stored?: StoredReplay;
  /** Whether it also wants named `import` events. */
  imports: boolean;
}

const ALL = "*";

/**
 * `/api/stream`: named `tick` events for integrations. Clients that follow the same symbols share
 * one group: each round's frames are joined and encoded once for all of them. A resuming client
 * first gets the ticks it missed, then joins, so nothing is lost or sent twice.
 * @example ticks.open(conn, { symbols: ["AAPL"], resumeFrom: 41, imports: false });
 */
export class TickStreams {
  readonly audience: Audience;
  readonly #symbolsOf = new Map<string, ReadonlySet<string> | undefined>();
  readonly #importWatchers = new Set<Connection>();

  constructor(
    private readonly market: Pick<Market, "since">,
    private readonly frameOf: TickFrames,
    log: Logger,
  ) {
    this.audience = new Audience(
      "api",
      { round: (key, ticks) => this.#round(key, ticks), snapshot: () => undefined },
      log,
    );
  }

  open(conn: Connection, request: TickStreamRequest): void {
    const key = request.symbols.length === 0 ? ALL : [...request.symbols].sort().join(",");
    const wanted = this.#wanted(key);
    const accepts = (symbol: string) => wanted === undefined || wanted.has(symbol);
    const stored = request.stored?.ticks ?? [];
    const more = request.stored?.more === true;
    const fromMemory = Math.max(request.resumeFrom ?? 0, stored.at(-1)?.id ?? 0);
    const recent = request.resumeFrom === undefined || more ? [] : this.market.since(fromMemory, accepts);
    conn.writeText(`retry: ${RETRY_MS}\n: connected\n\n${[...stored, ...recent].map(this.frameOf).join("")}`);
    // Too much missed for one replay: these go, the stream ends, and the client resumes from the last.
    if (more) {
      conn.close("client");
      return;
    }
    this.audience.join(conn, key);
    if (!request.imports) return;
    this.#importWatchers.add(conn);
    conn.onClose(() => this.#importWatchers.delete(conn));
  }

  /** An import's status, to the clients that asked; only its newest status waits for a slow one. */
  importChanged(event: ImportEvent): void {
    if (this.#importWatchers.size === 0) return;
    const bytes = bytesOf(formatEvent({ event: "import", data: JSON.stringify(event.status) }));
    for (const conn of this.#importWatchers) conn.update(`import-${event.status.id}`, bytes);
  }

  /** The symbols of the streams open now (all of them when one follows all). */
  wanted(symbols: readonly string[]): string[] {
    const keys = [...this.audience.keys()];
    if (keys.includes(ALL)) return [...symbols];
    const watched = new Set(keys.flatMap((key) => key.split(",")));
    return symbols.filter((symbol) => watched.has(symbol));
  }

  #round(key: string, ticks: readonly Tick[]): Uint8Array | undefined {
    const wanted = this.#wanted(key);
    let text = "";
    for (const tick of ticks) if (wanted === undefined || wanted.has(tick.symbol)) text += this.frameOf(tick);
    return text ? bytesOf(text) : undefined;
  }

  /** The symbol set of a group key, parsed once; undefined for all symbols. */
  #wanted(key: string): ReadonlySet<string> | undefined {
    if (key === ALL) return undefined;
    let wanted = this.#symbolsOf.get(key);
    if (!wanted) {
      wanted = new Set(key.split(","));
      this.#symbolsOf.set(key, wanted);
    }
    return wanted;
  }
}
