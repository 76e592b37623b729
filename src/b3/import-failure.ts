import { DomainError } from "../domain-error.ts";
import { DISK_FULL, isDiskFull } from "./disk-full.ts";
import type { ImportStore } from "./import-store.ts";
import type { DateSpans } from "./import-tally.ts";
import { ZipError } from "./zip-error.ts";

/**
 * A problem with the whole file (no trailer, a wrong count, a truncated header, not a B3 file):
 * the import fails and keeps none of its rows. The message says what was wrong and where.
 * @example throw new ImportFailure(`${name}: no header line`);
 */
export class ImportFailure extends DomainError {
  constructor(message: string) {
    super("import_failed", message);
  }
}

/**
 * Why an import failed, for a person; undefined for an error nobody expected.
 * @example knownReason(new ZipError("the zip's central directory is damaged")) // "the zip's central directory is damaged"
 */
export function knownReason(error: unknown): string | undefined {
  if (error instanceof ImportFailure || error instanceof ZipError) return error.message;
  if (isDiskFull(error)) return `${DISK_FULL}: free some space, then upload the file again`;
  return undefined;
}

export interface FailedImport {
  id: number;
  /** What went wrong: the failure's first sentence. */
  reason: string;
  /** Rows the import had written, still in the tables. */
  rowsInserted: number;
  /** Where its rows are; undefined when not known (every row is looked at). */
  spans: DateSpans | undefined;
  finishedAt: number;
}

/**
 * Record the import as failed and remove its rows, in one transaction. Without room for that (a
 * full disk), it is recorded failed with its rows left in place, for `Imports.start` to remove at
 * the next start. Answers the failure text and the rows left.
 * @example const { failure, rowsLeft } = await recordFailure(store, { id, reason, rowsInserted, spans, finishedAt });
 */
export async function recordFailure(
  store: ImportStore,
  failed: FailedImport,
): Promise<{ failure: string; rowsLeft: number }> {
  const { id, reason, rowsInserted, spans, finishedAt } = failed;
  const removed = rowsInserted > 0 ? ` (the ${rowsInserted} rows it had written were removed)` : "";
  const failure = `${reason}. No rows of this file were kept${removed}.`;
  try {
    await store.fail(id, failure, spans, finishedAt);
    return { failure, rowsLeft: 0 };
  } catch (error) {
    if (!isDiskFull(error)) throw error;
    const later =
      rowsInserted === 0
        ? failure
        : `${reason}. No rows of this file are kept: the ${rowsInserted} rows it had written are removed ` +
          "at the next start, once there is room.";
    await store.markFailed(id, later, finishedAt);
    return { failure: later, rowsLeft: rowsInserted };
  }
}
