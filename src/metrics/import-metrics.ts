import type { ImportEvent } from "../b3/import-events.ts";
import type { ImportCounters } from "../b3/import-status.ts";
import type { Family } from "./exposition.ts";
import { Histogram } from "./histogram.ts";

/** Upper bounds of the import duration histogram, in seconds: a small file to a big zip. */
export const IMPORT_DURATION_BUCKETS = [0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 600] as const;

type RowCounts = Pick<ImportCounters, "rowsInserted" | "rowsDuplicate" | "rowsRejected" | "rowsCancelled">;

/** Each outcome label and the counter of the import's status it is read from. */
const OUTCOMES = [
  ["inserted", "rowsInserted"],
  ["duplicate", "rowsDuplicate"],
  ["rejected", "rowsRejected"],
  ["cancelled", "rowsCancelled"],
] as const satisfies readonly (readonly [string, keyof RowCounts])[];

type Outcome = (typeof OUTCOMES)[number][0];
type Finished = "done" | "failed";

/**
 * Import rows by outcome, imports finished by status, and how long they took, from the importer's
 * events. Their counts are cumulative: rows are counted as the difference from the previous event of
 * the same import, starting from its `started` event, so a resumed import's earlier rows are not
 * counted again, and rows a failed import removed are not taken back (counters only grow).
 * @example const imports = new ImportMetrics(); importer.onEvent((event) => imports.record(event));
 */
export class ImportMetrics {
  /** The counts of each running import at its last event. */
  readonly #seen = new Map<number, RowCounts>();
  readonly #rows: Record<Outcome, number> = { inserted: 0, duplicate: 0, rejected: 0, cancelled: 0 };
  readonly #finished: Record<Finished, number> = { done: 0, failed: 0 };
  readonly #durations = new Histogram(IMPORT_DURATION_BUCKETS);

  record({ kind, status }: ImportEvent): void {
    if (kind === "created") return;
    const last = kind === "started" ? status : (this.#seen.get(status.id) ?? status);
    for (const [outcome, field] of OUTCOMES) this.#rows[outcome] += Math.max(0, status[field] - last[field]);
    if (kind !== "finished") {
      this.#seen.set(status.id, pick(status));
      return;
    }
    this.#seen.delete(status.id);
    if (status.status !== "done" && status.status !== "failed") return;
    this.#finished[status.status]++;
    if (status.startedAt !== null && status.finishedAt !== null)
      this.#durations.observe(Math.max(0, status.finishedAt - status.startedAt) / 1000);
  }

  families(): Family[] {
    return [
      {
        name: "tickertape_import_rows_total",
        help: "B3 import rows, by outcome (inserted, duplicate, rejected, cancelled), counted as imports run.",
        type: "counter",
        samples: Object.entries(this.#rows).map(([outcome, value]) => ({ labels: { outcome }, value })),
      },
      {
        name: "tickertape_imports_total",
        help: "B3 imports finished, by status (done, failed).",
        type: "counter",
        samples: Object.entries(this.#finished).map(([status, value]) => ({ labels: { status }, value })),
      },
      {
        name: "tickertape_import_duration_seconds",
        help: "Time from an import's start to its end (a resumed import's from its first start).",
        type: "histogram",
        samples: this.#durations.samples(),
      },
    ];
  }
}

const pick = (status: RowCounts): RowCounts => ({
  rowsInserted: status.rowsInserted,
  rowsDuplicate: status.rowsDuplicate,
  rowsRejected: status.rowsRejected,
  rowsCancelled: status.rowsCancelled,
});
