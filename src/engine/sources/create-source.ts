import type { Config } from "../../config.ts";
import type { Logger } from "../../log.ts";
import type { PriceSource } from "../price-source.ts";
import { seededRandom } from "../random.ts";
import { RandomWalkSource } from "../random-walk.ts";
import { HttpPriceSource } from "./http-source.ts";
import { UpstreamSseSource } from "./upstream-sse-source.ts";

export interface SourceContext {
  /** Symbols someone is subscribed to right now. */
  wantedSymbols: () => string[];
  /** The last tick id this node holds. */
  lastId: () => number;
  log: Logger;
}

const UPSTREAM_RECONNECT_MS = 500;
/** An upstream Tickertape sends a heartbeat at least every 30 s (half of `HEARTBEAT_MS` at most). */
const UPSTREAM_SILENCE_MS = 60_000;

/** The price source `PRICE_SOURCE` names. */
export function createSource(config: Config, context: SourceContext): PriceSource {
  const source = config.source;
  if (source.kind === "http") {
    return new HttpPriceSource(
      {
        ...config.resilience,
        url: source.url,
        intervalMs: config.tickMs,
        wantedSymbols: source.subscribedOnly ? context.wantedSymbols : undefined,
      },
      context.log,
    );
  }
  if (source.kind === "sse") {
    return new UpstreamSseSource(
      {
        ...config.resilience,
        url: source.url,
        lastId: context.lastId,
        reconnectMs: UPSTREAM_RECONNECT_MS,
        silenceMs: UPSTREAM_SILENCE_MS,
      },
      context.log,
    );
  }
  return new RandomWalkSource(config.walks, seededRandom(config.randomSeed ?? Date.now()));
}
