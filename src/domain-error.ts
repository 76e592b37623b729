/**
 * What went wrong, as a code a program can act on: each code has one HTTP status, in one table
 * (`src/routes/http-error.ts`), so no route reads an error's message to decide what to answer.
 */
export type DomainErrorCode =
  | "upload_too_large"
  | "upload_stalled"
  | "not_multipart"
  | "missing_file"
  | "bad_upload"
  | "disk_full"
  | "zip_refused"
  | "import_failed"
  | "too_many_streams"
  | "too_many_streams_from_client"
  | "too_many_events"
  | "too_many_uploads"
  | "too_many_board_changes"
  | "unauthorized"
  | "forbidden"
  | "uploads_local_only";

/**
 * A failure a user can act on; its message says what was wrong, where, and what was kept.
 * @example throw new DomainError("disk_full", "file: the disk is full; nothing was kept");
 */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}
