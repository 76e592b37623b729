import type { CommittedBatch } from "../store/tick-writer.ts";
import type { Family } from "./exposition.ts";
import { Histogram } from "./histogram.ts";

/** Upper bounds of the batch size histogram, in ticks (WRITER_BATCH_SIZE is 500 unless set). */
export const BATCH_TICKS_BUCKETS = [1, 5, 10, 25, 50, 100, 250, 500, 1000, 5000] as const;
/** Upper bounds of the flush duration histogram, in seconds. */
export const FLUSH_DURATION_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5] as const;

/**
 * The tick writer's committed batches: how many ticks each held, and how long each took.
 * @example const batches = new WriterMetrics(); writer.onCommit((batch) => batches.record(batch));
 */
export class WriterMetrics {
  readonly #ticks = new Histogram(BATCH_TICKS_BUCKETS);
  readonly #seconds = new Histogram(FLUSH_DURATION_BUCKETS);

  record(batch: CommittedBatch): void {
    this.#ticks.observe(batch.ticks);
    this.#seconds.observe(batch.seconds);
  }

  families(): Family[] {
    return [
      {
        name: "tickertape_writer_batch_ticks",
        help: "Ticks in each batch the writer committed.",
        type: "histogram",
        samples: this.#ticks.samples(),
      },
      {
        name: "tickertape_writer_flush_duration_seconds",
        help: "Time to write and commit each batch of ticks (failed attempts not included).",
        type: "histogram",
        samples: this.#seconds.samples(),
      },
    ];
  }
}
