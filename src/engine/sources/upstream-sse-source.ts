import type { IPolicy } from "cockatiel";
import { createParser } from "eventsource-parser";
import * as v from "valibot";
import type { Logger } from "../../log.ts";
import { FeedMonitor } from "../feed-health.ts";
import { Price } from "../price-bounds.ts";
import type { PriceSink, PriceSource } from "../price-source.ts";
import { feedPolicy, type ResilienceOptions } from "./resilience.ts";

export interface UpstreamSourceOptions extends ResilienceOptions {
  /** Another Tickertape's `/api/stream`. */
  url: string;
  /** The last tick id this node holds: where the stream resumes (`Last-Event-ID`). */
  lastId: () => number;
  /** Pause between reconnects after the stream ended. */
  reconnectMs: number;
  /** Longest silence (no tick, no heartbeat) before the stream is taken for dead and reopened. */
  silenceMs: number;
}

const UpstreamTick = v.object({
  id: v.pipe(v.number(), v.integer(), v.minValue(1)),
  symbol: v.string(),
  price: Price,
  prevPrice: Price,
  change: v.pipe(v.number(), v.finite()),
  changePercent: v.pipe(v.number(), v.finite()),
  ts: v.number(),
  seq: v.pipe(v.number(), v.integer(), v.minValue(1)),
});

/**
 * Relays another Tickertape's ticks (their ids and seqs kept). Connecting goes through the
 * breaker; every reconnect sends `Last-Event-ID`, so nothing is lost or doubled across it.
 */
export class UpstreamSseSource implements PriceSource {
  readonly feed = new FeedMonitor("sse");
  readonly #policy: IPolicy;
  /** Aborted by `stop`; a new one for each `start` (a cluster node may run the engine again). */
  #stopped = new AbortController();

  constructor(
    private readonly options: UpstreamSourceOptions,
    private readonly log: Logger,
  ) {
    this.#policy = feedPolicy(options, this.feed);
  }

  start(sink: PriceSink): void {
    if (this.#stopped.signal.aborted) this.#stopped = new AbortController();
    void this.#run(sink);
  }

  stop(): void {
    this.#stopped.abort();
  }

  async #run(sink: PriceSink): Promise<void> {
    const { signal } = this.#stopped;
    while (!signal.aborted) {
      try {
        const connection = await this.#policy.execute(() => this.#connect());
        await this.#relay(connection, sink);
        this.log.info("upstream stream ended, reconnecting", { lastId: this.options.lastId() });
      } catch (error) {
        if (signal.aborted) return;
        this.feed.interrupted(error);
        this.log.warn("upstream feed unavailable", { error });
      }
      await Bun.sleep(this.options.reconnectMs);
    }
  }

  /**
   * Open the stream; resolves once the upstream answered 200 with a body. `PRICE_API_TIMEOUT_MS`
   * bounds the wait for that answer only; once open, the stream lives until it goes silent.
   */
  async #connect(): Promise<UpstreamConnection> {
    const connection = new AbortController();
    const connectTimer = setTimeout(() => connection.abort(), this.options.timeoutMs);
    try {
      const response = await fetch(this.options.url, {
        headers: { Accept: "text/event-stream", "Last-Event-ID": String(this.options.lastId()) },
        signal: AbortSignal.any([this.#stopped.signal, connection.signal]),
      }).catch((error: unknown) => {
        throw connection.signal.aborted
          ? new Error(`no answer from ${this.options.url} in ${this.options.timeoutMs} ms`)
          : error;
      });
      if (!response.ok || !response.body) throw new Error(`the upstream answered ${response.status}`);
      return { body: response.body, abort: () => connection.abort() };
    } finally {
      clearTimeout(connectTimer);
    }
  }

  async #relay({ body, abort }: UpstreamConnection, sink: PriceSink): Promise<void> {
    const parser = createParser({
      onEvent: (event) => {
        if (event.event !== "tick") return;
        const parsed = v.safeParse(UpstreamTick, safeJson(event.data));
        if (parsed.success) sink.relay(parsed.output);
        else this.feed.dropped(1);
      },
    });
    const decoder = new TextDecoder();
    const reader = body.getReader();
    let silence = setTimeout(abort, this.options.silenceMs);
    const stop = () => void reader.cancel();
    this.#stopped.signal.addEventListener("abort", stop, { once: true });
    try {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        clearTimeout(silence);
        silence = setTimeout(abort, this.options.silenceMs);
        parser.feed(decoder.decode(chunk.value, { stream: true }));
      }
    } catch (error) {
      if (this.#stopped.signal.aborted) return;
      this.feed.failed(error);
      this.feed.interrupted(error);
    } finally {
      clearTimeout(silence);
      this.#stopped.signal.removeEventListener("abort", stop);
    }
  }
}

interface UpstreamConnection {
  body: ReadableStream<Uint8Array>;
  /** Ends the connection (the stream went silent). */
  abort: () => void;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
