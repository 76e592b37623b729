import { DomainError } from "../domain-error.ts";
import { type CloseReason, Connection, type Overflow, type SentCounts } from "./connection.ts";
import { heartbeat } from "./frame.ts";

export interface StreamHubOptions {
  /** Longest silence on a stream: a heartbeat comment goes out after half of it. */
  heartbeatMs: number;
  /** A backlogged stream whose socket took nothing for this long is closed. */
  writeTimeoutMs: number;
  /** Streams open at once, all clients together. */
  maxStreams: number;
  /** Streams open at once from one client address. */
  maxStreamsPerClient: number;
  now?: () => number;
}

/** Bytes a stream of each kind may leave unread at the socket before it coalesces or is dropped. */
const BUFFER_BYTES: Record<Overflow, number> = { coalesce: 64 * 1024, disconnect: 256 * 1024 };

/** Why a stream was not opened: too many on the server (503) or from this client (429); retry later. */
export class StreamRefused extends DomainError {
  constructor(readonly scope: "server" | "client") {
    super(
      scope === "server" ? "too_many_streams" : "too_many_streams_from_client",
      scope === "server"
        ? "Too many open streams on this server: retry in a few seconds"
        : "Too many open streams from this client (MAX_STREAMS_PER_IP): close one, or retry later",
    );
  }
}

export interface StreamCounts {
  open: number;
  opened: number;
  refused: number;
  closed: Record<CloseReason, number>;
}

/** The counts, and what the open streams hold right now. */
export interface StreamStats extends StreamCounts {
  /** Bytes queued for open streams that their sockets have not taken. */
  bufferedBytes: number;
  /** Rounds the open streams skipped because their sockets were full. */
  coalesced: number;
  /** What every stream, open or closed, queued for its socket. */
  sent: SentCounts;
}

/**
 * Every open event stream: caps on how many, one timer for all heartbeats and write deadlines,
 * and shutdown. What a stream carries is its audience's business (see `Audience`).
 * @example const conn = hub.open({ client: "203.0.113.9", overflow: "disconnect" });
 */
export class StreamHub {
  readonly #open = new Set<Connection>();
  readonly #perClient = new Map<string, number>();
  readonly #heartbeat = new TextEncoder().encode(heartbeat());
  readonly #timer: ReturnType<typeof setInterval>;
  readonly #now: () => number;
  readonly counts: StreamCounts = {
    open: 0,
    opened: 0,
    refused: 0,
    closed: { client: 0, slow: 0, stalled: 0, shutdown: 0 },
  };
  /** Shared by every connection, which count in place: nothing is allocated per client or per write. */
  readonly #sent: SentCounts = { events: 0, heartbeats: 0, bytes: 0 };

  constructor(private readonly options: StreamHubOptions) {
    this.#now = options.now ?? Date.now;
    this.#timer = setInterval(() => this.sweep(), Math.min(1000, options.heartbeatMs / 2));
  }

  /** Open a stream for `client` (its address), or throw `StreamRefused` past a cap. */
  open({ client, overflow }: { client: string; overflow: Overflow }): Connection {
    if (this.#open.size >= this.options.maxStreams) this.#refuse("server");
    const fromClient = this.#perClient.get(client) ?? 0;
    if (fromClient >= this.options.maxStreamsPerClient) this.#refuse("client");
    const conn = new Connection({
      overflow,
      maxBufferedBytes: BUFFER_BYTES[overflow],
      now: this.#now,
      sent: this.#sent,
    });
    this.#open.add(conn);
    this.#perClient.set(client, fromClient + 1);
    this.counts.opened++;
    this.counts.open = this.#open.size;
    conn.onClose((reason) => {
      this.#open.delete(conn);
      const left = (this.#perClient.get(client) ?? 1) - 1;
      if (left > 0) this.#perClient.set(client, left);
      else this.#perClient.delete(client);
      this.counts.closed[reason]++;
      this.counts.open = this.#open.size;
    });
    return conn;
  }

  stats(): StreamStats {
    let bufferedBytes = 0;
    let coalesced = 0;
    for (const conn of this.#open) {
      bufferedBytes += conn.bufferedBytes;
      coalesced += conn.coalesced;
    }
    return { ...this.counts, closed: { ...this.counts.closed }, bufferedBytes, coalesced, sent: { ...this.#sent } };
  }

  /** Heartbeats for quiet streams; streams whose socket took nothing within the write deadline end. */
  sweep(): void {
    const now = this.#now();
    for (const conn of this.#open) {
      if (conn.backlogged) {
        if (now - conn.lastDrainAt >= this.options.writeTimeoutMs) conn.close("stalled");
      } else if (now - conn.lastWriteAt >= this.options.heartbeatMs / 2) {
        conn.heartbeat(this.#heartbeat);
      }
    }
  }

  /** End every stream (shutdown): clients reconnect, elsewhere or later. */
  close(): void {
    clearInterval(this.#timer);
    for (const conn of [...this.#open]) conn.close("shutdown");
  }

  #refuse(scope: "server" | "client"): never {
    this.counts.refused++;
    throw new StreamRefused(scope);
  }
}
