import { bytesOf } from "./frame.ts";

/**
 * What a connection does when the socket does not take its bytes fast enough: a page `coalesce`s
 * (it skips rounds, then catches up with the latest state once the socket drains); an integration
 * is `disconnect`ed (it resumes with `Last-Event-ID`, losing nothing).
 */
export type Overflow = "coalesce" | "disconnect";

/** What connections queued for their sockets, all of them together: one object, incremented in place. */
export interface SentCounts {
  /** Writes of frames: a round's batch, a side update, a first message, a catch-up. */
  events: number;
  /** Heartbeat comments, written to quiet streams. */
  heartbeats: number;
  /** Bytes of both. */
  bytes: number;
}

export interface ConnectionOptions {
  overflow: Overflow;
  /** Bytes the socket may leave unread before the connection counts as backlogged. */
  maxBufferedBytes: number;
  /** Current time, for heartbeats and the write deadline. */
  now: () => number;
  /** Counts shared with other connections (the hub's); without them, this connection's own. */
  sent?: SentCounts;
}

/** What every event stream answers with: proxies neither cache nor buffer it. */
export const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-store",
  "X-Accel-Buffering": "no",
  Connection: "keep-alive",
} as const;

/** Why a connection ended, for logs and metrics. */
export type CloseReason = "client" | "slow" | "stalled" | "shutdown";

/**
 * One client's event stream. Writes go to a queue the socket drains; its fill (`desiredSize`)
 * is what the socket has not taken. Nothing here awaits: a write is queued, coalesced or ends the
 * connection, so a slow client never slows the writer or the others. Side updates (feed badge,
 * community, imports) are latest-value slots: while backlogged only the newest of each is kept.
 * @example const conn = new Connection({ overflow: "coalesce", maxBufferedBytes: 65536, now: Date.now });
 */
export class Connection {
  readonly response: Response;
  #controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  #closed = false;
  #catchUp: (() => Uint8Array | undefined) | undefined;
  #behind = false;
  readonly #slots = new Map<string, Uint8Array>();
  readonly #onClose: ((reason: CloseReason) => void)[] = [];
  readonly #sent: SentCounts;
  lastWriteAt: number;
  lastDrainAt: number;
  coalesced = 0;

  constructor(private readonly options: ConnectionOptions) {
    this.lastWriteAt = this.lastDrainAt = options.now();
    this.#sent = options.sent ?? { events: 0, heartbeats: 0, bytes: 0 };
    const body = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.#controller = controller;
        },
        pull: () => this.#drained(),
        cancel: () => this.close("client"),
      },
      { highWaterMark: options.maxBufferedBytes, size: (chunk) => chunk?.byteLength ?? 0 },
    );
    this.response = new Response(body, { headers: SSE_HEADERS });
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** True while the socket has left `maxBufferedBytes` or more unread. */
  get backlogged(): boolean {
    return (this.#controller?.desiredSize ?? 0) <= 0;
  }

  /** Bytes queued that the socket has not taken yet. */
  get bufferedBytes(): number {
    return Math.max(
      0,
      this.options.maxBufferedBytes - (this.#controller?.desiredSize ?? this.options.maxBufferedBytes),
    );
  }

  /** How a coalescing connection catches up after it skipped rounds: the latest state, as bytes. */
  catchUpWith(snapshot: () => Uint8Array | undefined): void {
    this.#catchUp = snapshot;
  }

  /** Queue bytes shared by every client of a round; a backlogged connection coalesces or ends. */
  write(bytes: Uint8Array): void {
    if (this.#closed) return;
    if (!this.backlogged) this.#enqueue(bytes);
    else if (this.options.overflow === "disconnect") this.close("slow");
    else {
      this.#behind = true;
      this.coalesced++;
    }
  }

  /** A heartbeat comment for a quiet stream; a backlogged one needs none (its socket is busy). */
  heartbeat(bytes: Uint8Array): void {
    if (!this.#closed && !this.backlogged) this.#enqueue(bytes, "heartbeats");
  }

  /** Text written once for this client only (its first message, a replay). */
  writeText(text: string): void {
    this.write(bytesOf(text));
  }

  /** A side update: written now, or kept (only the newest per slot) until the socket drains. */
  update(slot: string, bytes: Uint8Array): void {
    if (this.#closed) return;
    if (this.backlogged) this.#slots.set(slot, bytes);
    else this.#enqueue(bytes);
  }

  onClose(listener: (reason: CloseReason) => void): void {
    this.#onClose.push(listener);
  }

  close(reason: CloseReason): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#slots.clear();
    try {
      // A client that cannot keep up is cut at once: what it left unread is dropped with its socket.
      // Otherwise the stream ends after what is queued (at shutdown, clients get their last updates).
      if (reason === "slow" || reason === "stalled") this.#controller?.error(new Error(`stream closed: ${reason}`));
      else this.#controller?.close();
    } catch {
      // the client is already gone
    }
    for (const listener of this.#onClose) listener(reason);
  }

  #enqueue(bytes: Uint8Array, counted: "events" | "heartbeats" = "events"): void {
    try {
      this.#controller?.enqueue(bytes);
      this.lastWriteAt = this.options.now();
      this.#sent[counted]++;
      this.#sent.bytes += bytes.byteLength;
    } catch {
      this.close("client");
    }
  }

  /** The socket took what was queued: catch up with the latest state, then the waiting side updates. */
  #drained(): void {
    this.lastDrainAt = this.options.now();
    if (this.#closed) return;
    if (this.#behind) {
      this.#behind = false;
      const snapshot = this.#catchUp?.();
      if (snapshot) this.#enqueue(snapshot);
    }
    for (const bytes of this.#slots.values()) this.#enqueue(bytes);
    this.#slots.clear();
  }
}
