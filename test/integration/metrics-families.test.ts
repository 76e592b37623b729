import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFile } from "node:fs/promises";
import { DEMO, importFile, TRADES } from "../b3/support.ts";
import { eventually } from "../support/sse-reader.ts";
import { startTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

const TOKEN = "metrics-events-token-0123";
let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime({ SYMBOLS: "AAPL,MSFT", EVENTS_TOKEN: TOKEN, EVENTS_RATE: "4", BOARD_RATE: "1" });
});
afterAll(() => rt.stop());

const scrape = async () => (await rt.get("/metrics")).text();

/** The value of the sample written exactly as `series` (name and labels); 0 when absent. */
const sampleOf = (text: string, series: string): number => {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
};
const now = async (series: string) => sampleOf(await scrape(), series);

const post = (body: unknown) =>
  rt.get("/api/events", {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${TOKEN}` },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

describe("GET /metrics: writer batches", () => {
  test("every committed batch is counted in the batch size and flush duration histograms", async () => {
    const before = await scrape();
    await rt.source.push("AAPL", 101);
    await rt.source.push("MSFT", 301);
    const after = await scrape();
    for (const name of ["tickertape_writer_batch_ticks", "tickertape_writer_flush_duration_seconds"]) {
      expect(after).toContain(`# TYPE ${name} histogram\n`);
      expect(sampleOf(after, `${name}_count`)).toBeGreaterThan(sampleOf(before, `${name}_count`));
      expect(sampleOf(after, `${name}_bucket{le="+Inf"}`)).toBe(sampleOf(after, `${name}_count`));
    }
    expect(sampleOf(after, "tickertape_writer_batch_ticks_sum")).toBe(
      sampleOf(before, "tickertape_writer_batch_ticks_sum") + 2,
    );
  });
});

describe("GET /metrics: streams", () => {
  test("open streams by kind; what they were sent, in events and bytes", async () => {
    const before = await scrape();
    expect(sampleOf(before, 'tickertape_streams_open{kind="api"}')).toBe(0);
    const api = await rt.get("/api/stream");
    const board = await rt.get("/board/stream");
    const reader = api.body!.getReader();
    await reader.read();
    const during = await scrape();
    expect(sampleOf(during, 'tickertape_streams_open{kind="api"}')).toBe(1);
    expect(sampleOf(during, 'tickertape_streams_open{kind="board"}')).toBe(1);
    for (const kind of ["symbol", "portfolio", "quotes"])
      expect(during).toContain(`tickertape_streams_open{kind="${kind}"} 0\n`);
    for (const name of ["tickertape_stream_events_sent_total", "tickertape_stream_bytes_sent_total"])
      expect(sampleOf(during, name)).toBeGreaterThan(sampleOf(before, name));
    await rt.source.push("AAPL", 102);
    expect(sampleOf(await scrape(), "tickertape_stream_events_sent_total")).toBeGreaterThan(
      sampleOf(during, "tickertape_stream_events_sent_total"),
    );
    await reader.cancel();
    await board.body!.cancel();
    await eventually(async () => (await now('tickertape_streams_open{kind="api"}')) === 0);
    expect(await now('tickertape_streams_open{kind="board"}')).toBe(0);
  });
});

describe("GET /metrics: imports", () => {
  test("rows by outcome as they are imported, imports by status, and their duration", async () => {
    const before = await scrape();
    const status = await importFile(rt, "COTAHIST_DEMO_12022003.TXT", await readFile(DEMO));
    expect(status.status).toBe("done");
    await eventually(async () => (await now('tickertape_imports_total{status="done"}')) === 1);
    const after = await scrape();
    expect(sampleOf(after, 'tickertape_import_rows_total{outcome="inserted"}')).toBe(
      sampleOf(before, 'tickertape_import_rows_total{outcome="inserted"}') + status.rowsInserted,
    );
    expect(status.rowsInserted).toBeGreaterThan(0);
    expect(sampleOf(after, 'tickertape_import_rows_total{outcome="rejected"}')).toBe(status.rowsRejected);
    expect(sampleOf(after, "tickertape_import_duration_seconds_count")).toBe(1);
    expect(sampleOf(after, 'tickertape_imports_total{status="failed"}')).toBe(0);
  });

  test("the same file again: its rows are counted as duplicates", async () => {
    const status = await importFile(rt, "again.TXT", await readFile(DEMO));
    await eventually(async () => (await now('tickertape_imports_total{status="done"}')) === 2);
    expect(await now('tickertape_import_rows_total{outcome="duplicate"}')).toBe(status.rowsDuplicate);
    expect(status.rowsDuplicate).toBeGreaterThan(0);
  });

  test("a trades file is counted with the others", async () => {
    const inserted = await now('tickertape_import_rows_total{outcome="inserted"}');
    const status = await importFile(rt, "29-04-2025_NEGOCIOSAVISTA.txt", await readFile(TRADES));
    await eventually(async () => (await now('tickertape_imports_total{status="done"}')) === 3);
    expect(await now('tickertape_import_rows_total{outcome="inserted"}')).toBe(inserted + status.rowsInserted);
  });
});

describe("GET /metrics: portfolio events and write limits", () => {
  const series = (type: string, outcome: string) =>
    `tickertape_portfolio_events_total{type="${type}",outcome="${outcome}"}`;

  test("applied events by type; a refused batch's events by type, or invalid", async () => {
    expect(
      (
        await post([
          { type: "portfolio.opted_in", slug: "metrics-a" },
          { type: "portfolio.updated", slug: "metrics-a", holdings: [] },
        ])
      ).status,
    ).toBe(202);
    expect((await post({ type: "stock.price_updated", symbol: "NOPE", price: 1 })).status).toBe(400);
    expect((await post([{ type: "portfolio.opted_out", slug: "metrics-a" }, { type: "no.such" }])).status).toBe(400);
    expect((await post("{not json")).status).toBe(400);
    const text = await scrape();
    expect(sampleOf(text, series("portfolio.opted_in", "applied"))).toBe(1);
    expect(sampleOf(text, series("portfolio.updated", "applied"))).toBe(1);
    expect(sampleOf(text, series("stock.price_updated", "refused"))).toBe(1);
    expect(sampleOf(text, series("portfolio.opted_out", "refused"))).toBe(1);
    expect(sampleOf(text, series("invalid", "refused"))).toBe(2);
    expect(text).not.toContain("no.such");
  });

  test("writes refused by a rate limit are counted by limit", async () => {
    const limited = 'tickertape_writes_limited_total{limit="events"}';
    const before = await now(limited);
    let refused = 0;
    while (refused < 2) if ((await post({ type: "portfolio.opted_out", slug: "x" })).status === 429) refused++;
    expect(await now(limited)).toBe(before + 2);
    const board = () => rt.get("/board/symbols/AAPL/delete", { method: "POST" });
    await board();
    expect((await board()).status).toBe(429);
    const text = await scrape();
    expect(sampleOf(text, 'tickertape_writes_limited_total{limit="board"}')).toBe(1);
    expect(text).toContain('tickertape_writes_limited_total{limit="uploads"} 0\n');
  });
});
