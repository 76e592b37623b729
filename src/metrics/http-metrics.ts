import type { Family, Sample } from "./exposition.ts";

/** Upper bounds of the request duration histogram, in seconds. */
export const DURATION_BUCKETS = [0.005, 0.025, 0.1, 0.5, 2.5] as const;

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

interface Timings {
  method: string;
  route: string;
  /** Requests per bucket (not cumulative); the last one is +Inf. */
  buckets: number[];
  sum: number;
  count: number;
}

/**
 * Requests counted by method, route pattern and status, and timed by method and route pattern.
 * Labels come from route patterns and a fixed set of methods: their number is bounded by the app.
 * @example http.record("GET", "/api/prices/:symbol", 200, 0.003);
 */
export class HttpMetrics {
  readonly #requests = new Map<string, { method: string; route: string; status: string; count: number }>();
  readonly #timings = new Map<string, Timings>();

  record(method: string, route: string, status: number, seconds: number): void {
    const m = METHODS.has(method) ? method : "OTHER";
    const key = `${m} ${route} ${status}`;
    const counted = this.#requests.get(key) ?? { method: m, route, status: String(status), count: 0 };
    counted.count++;
    this.#requests.set(key, counted);
    const timingKey = `${m} ${route}`;
    let timings = this.#timings.get(timingKey);
    if (!timings) {
      timings = { method: m, route, buckets: new Array(DURATION_BUCKETS.length + 1).fill(0), sum: 0, count: 0 };
      this.#timings.set(timingKey, timings);
    }
    const found = DURATION_BUCKETS.findIndex((bound) => seconds <= bound);
    const bucket = found === -1 ? DURATION_BUCKETS.length : found;
    timings.buckets[bucket] = (timings.buckets[bucket] ?? 0) + 1;
    timings.sum += seconds;
    timings.count++;
  }

  families(): Family[] {
    const requests = [...this.#requests.values()].map(({ method, route, status, count }) => ({
      labels: { method, route, status },
      value: count,
    }));
    const durations: Sample[] = [];
    for (const { method, route, buckets, sum, count } of this.#timings.values()) {
      let cumulative = 0;
      DURATION_BUCKETS.forEach((bound, i) => {
        cumulative += buckets[i] ?? 0;
        durations.push({ suffix: "_bucket", labels: { method, route, le: String(bound) }, value: cumulative });
      });
      durations.push({ suffix: "_bucket", labels: { method, route, le: "+Inf" }, value: count });
      durations.push({ suffix: "_sum", labels: { method, route }, value: sum });
      durations.push({ suffix: "_count", labels: { method, route }, value: count });
    }
    return [
      {
        name: "tickertape_http_requests_total",
        help: "HTTP requests answered, by method, route pattern and status.",
        type: "counter",
        samples: requests,
      },
      {
        name: "tickertape_http_request_duration_seconds",
        help: "Time to the response headers (a stream's start), by method and route pattern.",
        type: "histogram",
        samples: durations,
      },
    ];
  }
}
