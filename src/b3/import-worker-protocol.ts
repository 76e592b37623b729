import type { LogLevel } from "../log.ts";
import type { ImportEvent } from "./import-events.ts";
import type { ImportRecord } from "./import-store.ts";

/** An error as plain data: its message, and the code (SQLITE_FULL…) that says what it was. */
export interface WorkerError {
  message: string;
  code: unknown;
}

/** What the server's thread asks the import worker (import-worker.ts), in order. */
export type WorkerRequest =
  /** `turns`: the shared counters of the server's WriteTurns. */
  | { kind: "open"; url: string; pragmas: string; turns: SharedArrayBuffer }
  | { kind: "run"; record: ImportRecord; maxUnzippedBytes: number }
  | { kind: "stop"; id: number }
  | { kind: "close" };

/** What the import worker tells the server's thread: its imports' events and log lines, and when each ends. */
export type WorkerMessage =
  | { kind: "opened" }
  | { kind: "openFailed"; error: WorkerError }
  | { kind: "event"; event: ImportEvent }
  | { kind: "log"; id: number; level: Exclude<LogLevel, "silent">; message: string; fields: Record<string, unknown> }
  | { kind: "ended"; id: number; error?: WorkerError }
  | { kind: "closed" };

/** `error` as plain data for a message. */
export const workerError = (error: unknown): WorkerError => ({
  message: error instanceof Error ? error.message : String(error),
  code: typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined,
});
