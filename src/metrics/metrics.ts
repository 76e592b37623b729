import type { FeedHealth } from "../engine/feed-health.ts";
import type { PriceEngine } from "../engine/price-engine.ts";
import type { StreamStats } from "../sse/stream-hub.ts";
import type { TickWriter } from "../store/tick-writer.ts";
import { exposition, type Family } from "./exposition.ts";
import { HttpMetrics } from "./http-metrics.ts";
import { LoopLag } from "./loop-lag.ts";

/** Where the numbers come from: each read at scrape time, nothing copied in between. */
export interface MetricsSources {
  engine: Pick<PriceEngine, "emitted" | "refused">;
  writer: Pick<TickWriter, "health" | "written">;
  streams: { stats(): StreamStats };
  feed: () => FeedHealth;
  /** Resident set size in bytes (`process.memoryUsage.rss` unless a test replaces it). */
  rss?: () => number;
}

const BREAKER_STATES = ["closed", "open", "half-open"] as const;

const one = (name: string, help: string, type: Family["type"], value: number): Family => ({
  name,
  help,
  type,
  samples: [{ value }],
});

/**
 * The process's metrics: engine, writer, streams, feed, HTTP requests, memory and event-loop lag.
 * @example const metrics = new Metrics({ engine, writer, streams: live.hub, feed: () => market.feed.health });
 */
export class Metrics {
  readonly http = new HttpMetrics();
  readonly loopLag = new LoopLag();

  constructor(private readonly sources: MetricsSources) {}

  /** Start sampling the event-loop lag. */
  start(): void {
    this.loopLag.start();
  }

  stop(): void {
    this.loopLag.stop();
  }

  /** Every family, in Prometheus text exposition format 0.0.4. */
  render(): string {
    return exposition(this.families());
  }

  families(): Family[] {
    const { engine, writer, streams, feed } = this.sources;
    const health = writer.health;
    const stats = streams.stats();
    const feedHealth = feed();
    const rss = this.sources.rss ?? (() => process.memoryUsage.rss());
    return [
      one("tickertape_ticks_emitted_total", "Ticks emitted by the price engine.", "counter", engine.emitted),
      one("tickertape_ticks_persisted_total", "Ticks written to the database.", "counter", writer.written),
      one(
        "tickertape_quotes_refused_total",
        "Quotes refused (out of range, or a writer backlog).",
        "counter",
        engine.refused,
      ),
      one("tickertape_writer_pending_ticks", "Ticks waiting for the writer.", "gauge", health.pending),
      one(
        "tickertape_writer_consecutive_failures",
        "Failed writer batches in a row.",
        "gauge",
        health.consecutiveFailures,
      ),
      one("tickertape_streams_open", "Event streams open now.", "gauge", stats.open),
      one("tickertape_streams_opened_total", "Event streams opened.", "counter", stats.opened),
      one("tickertape_streams_refused_total", "Event streams refused by the stream caps.", "counter", stats.refused),
      {
        name: "tickertape_streams_closed_total",
        help: "Event streams closed, by reason.",
        type: "counter",
        samples: Object.entries(stats.closed).map(([reason, value]) => ({ labels: { reason }, value })),
      },
      one(
        "tickertape_streams_buffered_bytes",
        "Bytes queued for open streams, not yet taken.",
        "gauge",
        stats.bufferedBytes,
      ),
      one(
        "tickertape_streams_coalesced_rounds",
        "Rounds the open streams skipped (full sockets).",
        "gauge",
        stats.coalesced,
      ),
      {
        name: "tickertape_feed_breaker_state",
        help: "The price feed's circuit breaker: 1 for its current state.",
        type: "gauge",
        samples: BREAKER_STATES.map((state) => ({ labels: { state }, value: feedHealth.state === state ? 1 : 0 })),
      },
      one(
        "tickertape_feed_consecutive_failures",
        "Failed feed attempts in a row.",
        "gauge",
        feedHealth.consecutiveFailures,
      ),
      one("tickertape_feed_dropped_items_total", "Feed items dropped as unusable.", "counter", feedHealth.droppedItems),
      ...this.http.families(),
      one("process_resident_memory_bytes", "Resident memory size in bytes.", "gauge", rss()),
      one("tickertape_event_loop_lag_seconds", "Timer drift of the last sample.", "gauge", this.loopLag.lastSeconds),
      one(
        "tickertape_event_loop_lag_max_seconds",
        "Worst timer drift since the previous scrape.",
        "gauge",
        this.loopLag.takeMaxSeconds(),
      ),
    ];
  }
}
