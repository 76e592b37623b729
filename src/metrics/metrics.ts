import type { Importer } from "../b3/importer.ts";
import type { FeedHealth } from "../engine/feed-health.ts";
import type { PriceEngine } from "../engine/price-engine.ts";
import type { WriteLimits } from "../routes/rate-limit.ts";
import type { StreamStats } from "../sse/stream-hub.ts";
import type { TickWriter } from "../store/tick-writer.ts";
import { exposition, type Family, scalar } from "./exposition.ts";
import { HttpMetrics } from "./http-metrics.ts";
import { ImportMetrics } from "./import-metrics.ts";
import { LoopLag } from "./loop-lag.ts";
import { PortfolioEventMetrics } from "./portfolio-event-metrics.ts";
import { type StreamKind, streamFamilies } from "./stream-families.ts";
import { WriterMetrics } from "./writer-metrics.ts";

/** Where the numbers come from: counts read at scrape time; batches and imports followed from `start`. */
export interface MetricsSources {
  engine: Pick<PriceEngine, "emitted" | "refused">;
  writer: Pick<TickWriter, "health" | "written" | "onCommit">;
  streams: { stats(): StreamStats };
  /** Every open stream is in one of these, named after its kind. */
  streamKinds: readonly StreamKind[];
  feed: () => FeedHealth;
  importer: Pick<Importer, "onEvent">;
  limits: Pick<WriteLimits, "refused">;
  /** Resident set size in bytes (`process.memoryUsage.rss` unless a test replaces it). */
  rss?: () => number;
}

const BREAKER_STATES = ["closed", "open", "half-open"] as const;

/**
 * The process's metrics: engine, writer, streams, feed, imports, events, write limits, HTTP
 * requests, memory and event-loop lag.
 * @example const metrics = new Metrics({ engine, writer, streams, streamKinds, feed, importer, limits });
 */
export class Metrics {
  readonly http = new HttpMetrics();
  readonly loopLag = new LoopLag();
  readonly batches = new WriterMetrics();
  readonly imports = new ImportMetrics();
  readonly portfolioEvents = new PortfolioEventMetrics();
  #stops: (() => void)[] = [];

  constructor(private readonly sources: MetricsSources) {}

  /** Start sampling the event-loop lag, and following committed batches and imports. */
  start(): void {
    this.loopLag.start();
    if (this.#stops.length > 0) return;
    this.#stops = [
      this.sources.writer.onCommit((batch) => this.batches.record(batch)),
      this.sources.importer.onEvent((event) => this.imports.record(event)),
    ];
  }

  stop(): void {
    this.loopLag.stop();
    for (const stop of this.#stops) stop();
    this.#stops = [];
  }

  /** Every family, in Prometheus text exposition format 0.0.4. */
  render(): string {
    return exposition(this.families());
  }

  families(): Family[] {
    const { engine, writer, streams, feed } = this.sources;
    const health = writer.health;
    const feedHealth = feed();
    const rss = this.sources.rss ?? (() => process.memoryUsage.rss());
    return [
      scalar("tickertape_ticks_emitted_total", "Ticks emitted by the price engine.", "counter", engine.emitted),
      scalar("tickertape_ticks_persisted_total", "Ticks written to the database.", "counter", writer.written),
      scalar(
        "tickertape_quotes_refused_total",
        "Quotes refused (out of range, or a writer backlog).",
        "counter",
        engine.refused,
      ),
      scalar("tickertape_writer_pending_ticks", "Ticks waiting for the writer.", "gauge", health.pending),
      scalar(
        "tickertape_writer_consecutive_failures",
        "Failed writer batches in a row.",
        "gauge",
        health.consecutiveFailures,
      ),
      ...this.batches.families(),
      ...streamFamilies(streams.stats(), this.sources.streamKinds),
      {
        name: "tickertape_feed_breaker_state",
        help: "The price feed's circuit breaker: 1 for its current state.",
        type: "gauge",
        samples: BREAKER_STATES.map((state) => ({ labels: { state }, value: feedHealth.state === state ? 1 : 0 })),
      },
      scalar(
        "tickertape_feed_consecutive_failures",
        "Failed feed attempts in a row.",
        "gauge",
        feedHealth.consecutiveFailures,
      ),
      scalar(
        "tickertape_feed_dropped_items_total",
        "Feed items dropped as unusable.",
        "counter",
        feedHealth.droppedItems,
      ),
      ...this.imports.families(),
      ...this.portfolioEvents.families(),
      {
        name: "tickertape_writes_limited_total",
        help: "Writes refused by the write rate limits, by limit (events per token, uploads and board changes per client).",
        type: "counter",
        samples: Object.entries(this.sources.limits.refused()).map(([limit, value]) => ({ labels: { limit }, value })),
      },
      ...this.http.families(),
      scalar("process_resident_memory_bytes", "Resident memory size in bytes.", "gauge", rss()),
      scalar("tickertape_event_loop_lag_seconds", "Timer drift of the last sample.", "gauge", this.loopLag.lastSeconds),
      scalar(
        "tickertape_event_loop_lag_max_seconds",
        "Worst timer drift since the previous scrape.",
        "gauge",
        this.loopLag.takeMaxSeconds(),
      ),
    ];
  }
}
