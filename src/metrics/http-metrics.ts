import type { Family } from "./exposition.ts";
import { Histogram } from "./histogram.ts";

/** Upper bounds of the request duration histogram, in seconds. */
export const DURATION_BUCKETS = [0.005, 0.025, 0.1, 0.5, 2.5] as const;

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/**
 * Requests counted by method, route pattern and status, and timed by method and route pattern.
 * Labels come from route patterns and a fixed set of methods: their number is bounded by the app.
 * @example http.record("GET", "/api/prices/:symbol", 200, 0.003);
 */
export class HttpMetrics {
  readonly #requests = new Map<string, { method: string; route: string; status: string; count: number }>();
  readonly #timings = new Map<string, { method: string; route: string; durations: Histogram }>();

  record(method: string, route: string, status: number, seconds: number): void {
    const m = METHODS.has(method) ? method : "OTHER";
    const key = `${m} ${route} ${status}`;
    const counted = this.#requests.get(key) ?? { method: m, route, status: String(status), count: 0 };
    counted.count++;
    this.#requests.set(key, counted);
    const timingKey = `${m} ${route}`;
    let timings = this.#timings.get(timingKey);
    if (!timings) {
      timings = { method: m, route, durations: new Histogram(DURATION_BUCKETS) };
      this.#timings.set(timingKey, timings);
    }
    timings.durations.observe(seconds);
  }

  families(): Family[] {
    const requests = [...this.#requests.values()].map(({ method, route, status, count }) => ({
      labels: { method, route, status },
      value: count,
    }));
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
        samples: [...this.#timings.values()].flatMap(({ method, route, durations }) =>
          durations.samples({ method, route }),
        ),
      },
    ];
  }
}
