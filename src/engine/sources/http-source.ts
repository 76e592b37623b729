import type { IPolicy } from "cockatiel";
import type { Logger } from "../../log.ts";
import { FeedMonitor } from "../feed-health.ts";
import type { PriceSink, PriceSource } from "../price-source.ts";
import type { PricePoint } from "../tick.ts";
import { MalformedResponseError, type ParsedPrices, parsePrices } from "./api-prices.ts";
import { BrokenCircuitError, feedPolicy, type ResilienceOptions } from "./resilience.ts";

export interface HttpSourceOptions extends ResilienceOptions {
  /** `GET url` answers every point, `GET url/:symbol` one. */
  url: string;
  intervalMs: number;
  /** When set, only these symbols are polled (one request each); none wanted, no request. */
  wantedSymbols?: () => string[];
}

/**
 * Polls an external price API behind retry, circuit breaker and timeout. Malformed items are
 * dropped and counted (a poll of nothing else is a failure); while the breaker is open nothing is
 * emitted, so nothing fake is stored.
 */
export class HttpPriceSource implements PriceSource {
  readonly feed = new FeedMonitor("http");
  readonly #policy: IPolicy;
  readonly #lastSeen = new Map<string, number>();
  #timer: ReturnType<typeof setInterval> | undefined;
  #polling = false;

  constructor(
    private readonly options: HttpSourceOptions,
    private readonly log: Logger,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    this.#policy = feedPolicy(options, this.feed);
  }

  start(sink: PriceSink): void {
    this.#timer = setInterval(() => void this.poll(sink), this.options.intervalMs);
    void this.poll(sink);
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  /** One poll; skipped while the previous one is still running. */
  async poll(sink: PriceSink): Promise<void> {
    if (this.#polling) return;
    this.#polling = true;
    try {
      const wanted = this.options.wantedSymbols?.();
      if (wanted?.length === 0) return;
      const points = await this.#policy.execute(({ signal }) => this.#fetchPrices(wanted, signal));
      for (const point of points) {
        if (this.#lastSeen.get(point.symbol) === point.ts) continue;
        this.#lastSeen.set(point.symbol, point.ts);
        sink.observe(point);
      }
    } catch (error) {
      this.feed.interrupted(error);
      if (!(error instanceof BrokenCircuitError)) this.log.warn("price API poll failed", { error });
    } finally {
      this.#polling = false;
    }
  }

  /** The valid points of one poll; malformed items are counted, and a poll of nothing but them fails. */
  async #fetchPrices(wanted: string[] | undefined, signal: AbortSignal): Promise<PricePoint[]> {
    const urls = wanted ? wanted.map((s) => `${this.options.url}/${encodeURIComponent(s)}`) : [this.options.url];
    const parts = await Promise.all(urls.map((url) => this.#get(url, signal)));
    const points = parts.flatMap((p) => p.points);
    const dropped = parts.reduce((n, p) => n + p.dropped, 0);
    if (dropped === 0) return points;
    this.feed.dropped(dropped);
    this.log.warn("price API items dropped", { dropped });
    if (points.length === 0)
      throw new MalformedResponseError(`the price API answered ${dropped} malformed items and no valid point`);
    return points;
  }

  async #get(url: string, signal: AbortSignal): Promise<ParsedPrices> {
    const response = await this.fetchImpl(url, { signal, headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(`the price API answered ${response.status} for ${url}`);
    return parsePrices(await response.text());
  }
}
