import type { PackedRun } from "./packed-runs.ts";
import type { BatchCounts } from "./row-batch.ts";
import type { SqlStatement } from "./sql-statement.ts";

/** What WorkerRowSink asks the import worker; `seq` pairs each request with its reply. */
export type WorkerRequest = { seq: number } & (
  | { kind: "open"; path: string; pragmas: string; rowsPerTransaction: number }
  | { kind: "write"; importId: number; runs: readonly PackedRun[]; state: SqlStatement }
  | { kind: "release"; importId: number }
  | { kind: "close" }
);

/** The import worker's answer to the request numbered `seq`. */
export type WorkerReply = { seq: number } & (
  | { kind: "ok" }
  | { kind: "written"; counts: BatchCounts }
  | { kind: "error"; error: { message: string; code: unknown } }
);
