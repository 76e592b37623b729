import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

const TOKEN = "metrics-token-0123456789";
let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime({ SYMBOLS: "AAPL,MSFT" });
});
afterAll(() => rt.stop());

const scrape = async (runtime: TestRuntime = rt, init?: RequestInit) => {
  const res = await runtime.get("/metrics", init);
  return { res, text: await res.text() };
};

/** The value of the sample written exactly as `series` (name and labels). */
const sampleOf = (text: string, series: string): number | undefined => {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe("GET /metrics", () => {
  test("answers Prometheus text 0.0.4 with every family, each with HELP and TYPE", async () => {
    const { res, text } = await scrape();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    for (const [name, type] of [
      ["tickertape_ticks_emitted_total", "counter"],
      ["tickertape_ticks_persisted_total", "counter"],
      ["tickertape_quotes_refused_total", "counter"],
      ["tickertape_writer_pending_ticks", "gauge"],
      ["tickertape_writer_consecutive_failures", "gauge"],
      ["tickertape_writer_batch_ticks", "histogram"],
      ["tickertape_writer_flush_duration_seconds", "histogram"],
      ["tickertape_streams_open", "gauge"],
      ["tickertape_streams_opened_total", "counter"],
      ["tickertape_streams_refused_total", "counter"],
      ["tickertape_streams_closed_total", "counter"],
      ["tickertape_streams_buffered_bytes", "gauge"],
      ["tickertape_streams_coalesced_rounds", "gauge"],
      ["tickertape_stream_events_sent_total", "counter"],
      ["tickertape_stream_heartbeats_sent_total", "counter"],
      ["tickertape_stream_bytes_sent_total", "counter"],
      ["tickertape_feed_breaker_state", "gauge"],
      ["tickertape_feed_consecutive_failures", "gauge"],
      ["tickertape_feed_dropped_items_total", "counter"],
      ["tickertape_import_rows_total", "counter"],
      ["tickertape_imports_total", "counter"],
      ["tickertape_import_duration_seconds", "histogram"],
      ["tickertape_portfolio_events_total", "counter"],
      ["tickertape_writes_limited_total", "counter"],
      ["tickertape_http_requests_total", "counter"],
      ["tickertape_http_request_duration_seconds", "histogram"],
      ["process_resident_memory_bytes", "gauge"],
      ["tickertape_event_loop_lag_seconds", "gauge"],
    ]) {
      expect(text).toContain(`# HELP ${name} `);
      expect(text).toContain(`# TYPE ${name} ${type}\n`);
    }
    expect(sampleOf(text, 'tickertape_feed_breaker_state{state="closed"}')).toBe(1);
    expect(sampleOf(text, "process_resident_memory_bytes")).toBeGreaterThan(0);
    expect(text.endsWith("\n")).toBe(true);
  });

  test("tick counters move after ticks", async () => {
    const before = (await scrape()).text;
    await rt.source.push("AAPL", 101);
    await rt.source.push("MSFT", 301);
    const after = (await scrape()).text;
    for (const name of ["tickertape_ticks_emitted_total", "tickertape_ticks_persisted_total"])
      expect(sampleOf(after, name)).toBe((sampleOf(before, name) ?? 0) + 2);
  });

  test("requests are counted by route pattern and status, never by raw URL, and timed", async () => {
    await rt.get("/api/prices/AAPL");
    await rt.get("/api/prices/MSFT");
    await rt.get("/api/prices/NOPE");
    await rt.get("/no/such/page");
    const { text } = await scrape();
    expect(
      sampleOf(text, 'tickertape_http_requests_total{method="GET",route="/api/prices/:symbol",status="200"}'),
    ).toBe(2);
    expect(
      sampleOf(text, 'tickertape_http_requests_total{method="GET",route="/api/prices/:symbol",status="404"}'),
    ).toBe(1);
    expect(text).not.toContain("/api/prices/AAPL");
    expect(text).not.toContain("/no/such/page");
    expect(
      sampleOf(text, 'tickertape_http_request_duration_seconds_count{method="GET",route="/api/prices/:symbol"}'),
    ).toBe(3);
    expect(
      sampleOf(
        text,
        'tickertape_http_request_duration_seconds_bucket{method="GET",route="/api/prices/:symbol",le="+Inf"}',
      ),
    ).toBe(3);
  });
});

describe("GET /metrics with METRICS_TOKEN", () => {
  let guarded: TestRuntime;
  beforeAll(async () => {
    guarded = await startTestRuntime({ METRICS_TOKEN: TOKEN });
  });
  afterAll(() => guarded.stop());

  test("without a token: 401 with a Bearer challenge", async () => {
    const { res } = await scrape(guarded);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain("Bearer");
  });

  test("with a wrong token: 403", async () => {
    const { res, text } = await scrape(guarded, { headers: { Authorization: "Bearer wrong-token-0123456789" } });
    expect(res.status).toBe(403);
    expect(JSON.parse(text)).toEqual({ error: { code: "forbidden", message: "This token may not read metrics" } });
  });

  test("with the token: the metrics", async () => {
    const { res, text } = await scrape(guarded, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(text).toContain("# TYPE tickertape_ticks_emitted_total counter");
  });
});
