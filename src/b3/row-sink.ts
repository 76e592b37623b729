import type { BatchCounts, RowRun } from "./row-batch.ts";
import type { SqlStatement } from "./sql-statement.ts";

/**
 * Where an import's rows go: one implementation per kind of connection (`openImportDatabase`
 * picks it). Each `write` is one transaction holding the rows, the import's counters and its
 * resume point, so a crash keeps all of them or none.
 * @example const counts = await sink.write(importId, batch.take(), store.progress(importId, status));
 */
export interface RowSink {
  /** Rows a transaction should hold: enough to amortise a commit, few enough not to hold the event loop. */
  readonly rowsPerTransaction: number;
  /** Write `runs` (in order) for import `importId`, add what they did to its counters, then run `state` (its resume point). */
  write(importId: number, runs: readonly RowRun[], state: SqlStatement): Promise<BatchCounts>;
  /** Import `importId` has ended here (done, failed or stopped): whatever `write` deferred for it is finished. */
  release(importId: number): Promise<void>;
}
