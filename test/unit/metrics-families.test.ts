import { describe, expect, test } from "bun:test";
import type { ImportEvent } from "../../src/b3/import-events.ts";
import type { ImportStatus } from "../../src/b3/import-status.ts";
import { exposition } from "../../src/metrics/exposition.ts";
import { Histogram } from "../../src/metrics/histogram.ts";
import { ImportMetrics } from "../../src/metrics/import-metrics.ts";
import { StreamHub } from "../../src/sse/stream-hub.ts";

const lines = (text: string) => text.split("\n").filter((line) => !line.startsWith("#") && line !== "");

describe("Histogram", () => {
  test("cumulative buckets up to +Inf, then sum and count, each with the given labels", () => {
    const histogram = new Histogram([1, 10]);
    for (const value of [0.5, 1, 5, 50]) histogram.observe(value);
    const text = exposition([{ name: "h", help: "H.", type: "histogram", samples: histogram.samples({ a: "x" }) }]);
    expect(lines(text)).toEqual([
      'h_bucket{a="x",le="1"} 2',
      'h_bucket{a="x",le="10"} 3',
      'h_bucket{a="x",le="+Inf"} 4',
      'h_sum{a="x"} 56.5',
      'h_count{a="x"} 4',
    ]);
  });
});

const status = (id: number, rows: Partial<ImportStatus>): ImportStatus => ({
  id,
  fileName: "f.txt",
  format: "cotahist",
  bytes: 100,
  status: "running",
  errors: [],
  failure: null,
  tickers: [],
  progress: 0,
  createdAt: 0,
  startedAt: 1_000,
  finishedAt: null,
  rate: 0,
  linesRead: 0,
  bytesRead: 0,
  rowsInserted: 0,
  rowsDuplicate: 0,
  rowsRejected: 0,
  rowsCancelled: 0,
  ...rows,
});
const event = (kind: ImportEvent["kind"], id: number, rows: Partial<ImportStatus> = {}): ImportEvent => ({
  kind,
  status: status(id, rows),
});
const samples = (imports: ImportMetrics) => lines(exposition(imports.families()));

describe("ImportMetrics", () => {
  test("rows are counted as they progress, from the started event: a resumed import's earlier rows are not", () => {
    const imports = new ImportMetrics();
    imports.record(event("created", 1));
    imports.record(event("started", 1, { rowsInserted: 500, rowsRejected: 2 }));
    imports.record(event("progress", 1, { rowsInserted: 800, rowsRejected: 3, rowsDuplicate: 10 }));
    expect(samples(imports)).toContain('tickertape_import_rows_total{outcome="inserted"} 300');
    imports.record(
      event("finished", 1, {
        status: "done",
        finishedAt: 31_000,
        rowsInserted: 900,
        rowsRejected: 3,
        rowsDuplicate: 10,
        rowsCancelled: 4,
      }),
    );
    expect(samples(imports)).toEqual(
      expect.arrayContaining([
        'tickertape_import_rows_total{outcome="inserted"} 400',
        'tickertape_import_rows_total{outcome="duplicate"} 10',
        'tickertape_import_rows_total{outcome="rejected"} 1',
        'tickertape_import_rows_total{outcome="cancelled"} 4',
        'tickertape_imports_total{status="done"} 1',
        'tickertape_imports_total{status="failed"} 0',
        'tickertape_import_duration_seconds_bucket{le="15"} 0',
        'tickertape_import_duration_seconds_bucket{le="30"} 1',
        "tickertape_import_duration_seconds_sum 30",
        "tickertape_import_duration_seconds_count 1",
      ]),
    );
  });

  test("imports are followed apart; a failed import's removed rows are not taken back", () => {
    const imports = new ImportMetrics();
    imports.record(event("started", 1));
    imports.record(event("started", 2));
    imports.record(event("progress", 1, { rowsInserted: 100 }));
    imports.record(event("progress", 2, { rowsInserted: 50 }));
    imports.record(event("finished", 2, { status: "failed", finishedAt: 2_000, rowsInserted: 0 }));
    imports.record(event("finished", 1, { status: "done", finishedAt: 3_000, rowsInserted: 120 }));
    expect(samples(imports)).toEqual(
      expect.arrayContaining([
        'tickertape_import_rows_total{outcome="inserted"} 170',
        'tickertape_imports_total{status="done"} 1',
        'tickertape_imports_total{status="failed"} 1',
      ]),
    );
  });

  test("an import that ends without a started event in this process counts no rows", () => {
    const imports = new ImportMetrics();
    imports.record(event("finished", 7, { status: "failed", rowsInserted: 40, finishedAt: 2_000 }));
    expect(samples(imports)).toContain('tickertape_import_rows_total{outcome="inserted"} 0');
    expect(samples(imports)).toContain('tickertape_imports_total{status="failed"} 1');
  });
});

describe("StreamHub: what the streams were sent", () => {
  test("writes count as events, heartbeats apart, bytes of both, closed streams included", () => {
    let now = 0;
    const hub = new StreamHub({
      heartbeatMs: 1_000,
      writeTimeoutMs: 5_000,
      maxStreams: 10,
      maxStreamsPerClient: 10,
      now: () => now,
    });
    const a = hub.open({ client: "a", overflow: "disconnect" });
    const b = hub.open({ client: "b", overflow: "coalesce" });
    a.writeText("data: 1\n\n");
    b.writeText("data: 22\n\n");
    a.close("client");
    now = 600;
    hub.sweep();
    expect(hub.stats().sent).toEqual({ events: 2, heartbeats: 1, bytes: 9 + 10 + ": heartbeat\n\n".length });
    hub.close();
  });
});
