/** The soak's steady load besides the streams: pages, portfolio events, an import a minute, health probes. */
import { EVENTS_TOKEN } from "../bench/bench-events.ts";
import { fetchWithin } from "../bench/bounded-fetch.ts";

const PAGES = ["/", "/s/AAPL", "/p/soak", "/api/prices", "/quotes"];
const STEP_MS = 200;

export interface TrafficWindow {
  requests: number;
  errors: number;
  /** The slowest `/health/live` answer: what a request waits behind the event loop. */
  worstProbeMs: number;
}

/**
 * Requests sent in turn, a few every STEP_MS: each page, a `portfolio.updated` event, a health
 * probe; and once per window an upload of the B3 demo file (an idempotent re-import after the first).
 * @example const window = await new Traffic(url, demoFile).runFor(60_000);
 */
export class Traffic {
  errors = 0;
  #version = 0;

  constructor(
    private readonly url: string,
    private readonly demoFile: string,
  ) {}

  /** The last tick id the server has published (`/health/ready`). */
  async publishedId(): Promise<number> {
    const body = (await (await fetchWithin(`${this.url}/health/ready`)).json()) as {
      checks: { engine: { lastTickId: number } };
    };
    return body.checks.engine.lastTickId;
  }

  async runFor(ms: number): Promise<TrafficWindow> {
    const window = { requests: 0, errors: 0, worstProbeMs: 0 };
    const count = (ok: boolean) => {
      window.requests++;
      if (!ok) window.errors++;
    };
    count(await this.#upload());
    const until = Date.now() + ms;
    while (Date.now() < until) {
      const started = performance.now();
      count(await this.#ok(fetchWithin(`${this.url}/health/live`)));
      window.worstProbeMs = Math.max(window.worstProbeMs, performance.now() - started);
      count(await this.#event());
      for (const page of PAGES) count(await this.#ok(fetchWithin(`${this.url}${page}`)));
      await Bun.sleep(STEP_MS);
    }
    this.errors += window.errors;
    return window;
  }

  #event(): Promise<boolean> {
    this.#version++;
    const holdings = [{ symbol: "AAPL", quantity: 10 + (this.#version % 50), avg_price: 150 }];
    return this.#ok(
      fetchWithin(`${this.url}/api/events`, {
        method: "POST",
        headers: { Authorization: `Bearer ${EVENTS_TOKEN}` },
        body: JSON.stringify({ type: "portfolio.updated", slug: "soak", holdings }),
      }),
    );
  }

  #upload(): Promise<boolean> {
    const form = new FormData();
    form.append("file", Bun.file(this.demoFile), "COTAHIST_DEMO.TXT");
    return this.#ok(fetchWithin(`${this.url}/api/quotes/upload`, { method: "POST", body: form }));
  }

  async #ok(response: Promise<Response>): Promise<boolean> {
    try {
      const res = await response;
      await res.arrayBuffer();
      return res.ok;
    } catch {
      return false;
    }
  }
}
