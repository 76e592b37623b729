import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  ExponentialBackoff,
  handleAll,
  handleWhen,
  type IPolicy,
  retry,
  TimeoutStrategy,
  timeout,
  wrap,
} from "cockatiel";
import type { BreakerState, FeedMonitor } from "../feed-health.ts";

export interface ResilienceOptions {
  /** One attempt may take this long. */
  timeoutMs: number;
  /** Attempts per call, with exponential backoff in between. */
  attempts: number;
  /** Consecutive failed attempts that open the breaker. */
  breakerThreshold: number;
  /** How long the breaker stays open before one probe is let through. */
  halfOpenMs: number;
}

const STATE_NAMES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: "closed",
  [CircuitState.Open]: "open",
  [CircuitState.HalfOpen]: "half-open",
  [CircuitState.Isolated]: "open",
};

/**
 * Retry (not while the breaker is open) → circuit breaker → timeout, each attempt counted by
 * the breaker, every transition and outcome reported to `feed`.
 * @example await feedPolicy(options, feed).execute(({ signal }) => fetch(url, { signal }));
 */
export function feedPolicy(options: ResilienceOptions, feed: FeedMonitor): IPolicy {
  const breaker = circuitBreaker(handleAll, {
    halfOpenAfter: options.halfOpenMs,
    breaker: new ConsecutiveBreaker(options.breakerThreshold),
  });
  breaker.onStateChange((state) => feed.breaker(STATE_NAMES[state]));
  breaker.onSuccess(() => feed.succeeded());
  breaker.onFailure(({ reason }) => feed.failed("error" in reason ? reason.error : reason.value));
  const retries = retry(
    handleWhen((error) => !(error instanceof BrokenCircuitError)),
    { maxAttempts: options.attempts - 1, backoff: new ExponentialBackoff({ initialDelay: 100, maxDelay: 2000 }) },
  );
  return wrap(retries, breaker, timeout(options.timeoutMs, TimeoutStrategy.Aggressive));
}

export { BrokenCircuitError };
