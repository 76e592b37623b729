import { STATUS_CODES } from "node:http";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { DomainError, type DomainErrorCode } from "../domain-error.ts";

/**
 * The error routes throw: hono's `HTTPException` with a code a program can act on; `app.onError`
 * turns it into a response.
 * @example throw new HttpError(404, "unknown_symbol", "Unknown symbol XYZ");
 */
export class HttpError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(status, { message });
  }
}

/** The one place a domain failure meets HTTP: the status each code is answered with. */
export const DOMAIN_ERROR_STATUS: Record<DomainErrorCode, ContentfulStatusCode> = {
  upload_too_large: 413,
  upload_stalled: 408,
  not_multipart: 415,
  missing_file: 400,
  bad_upload: 400,
  disk_full: 507,
  zip_refused: 422,
  import_failed: 422,
  too_many_streams: 503,
  too_many_streams_from_client: 429,
  too_many_events: 429,
  too_many_uploads: 429,
  too_many_board_changes: 429,
  unauthorized: 401,
  forbidden: 403,
  uploads_local_only: 403,
};

/** What a client is told of an error. */
export interface ErrorAnswer {
  status: ContentfulStatusCode;
  code: string;
  message: string;
}

const statusText = (status: number): string => STATUS_CODES[status] ?? "Error";

/** `Forbidden` → `forbidden`, `Payload Too Large` → `payload_too_large`. */
const codeOf = (status: number): string =>
  statusText(status)
    .toLowerCase()
    .replaceAll(/[^a-z0-9]+/g, "_");

/**
 * What to tell the client of `error`: an `HttpError` as thrown, any other `HTTPException` (hono's
 * csrf, body limit, validator) with a code named after its status, a `DomainError` with the status
 * of its code; undefined for an error nobody expected.
 * @example answerOf(new DomainError("disk_full", "file: the disk is full")) // { status: 507, code: "disk_full", … }
 */
export function answerOf(error: unknown): ErrorAnswer | undefined {
  if (error instanceof HttpError) return { status: error.status, code: error.code, message: error.message };
  if (error instanceof HTTPException)
    return {
      status: error.status,
      code: codeOf(error.status),
      message: error.message || statusText(error.status),
    };
  if (error instanceof DomainError)
    return { status: DOMAIN_ERROR_STATUS[error.code], code: error.code, message: error.message };
  return undefined;
}

/**
 * The status `error` is answered with: 500 for an unexpected one.
 * @example statusOf(new HttpError(404, "not_found", "Nothing here")) // 404
 */
export const statusOf = (error: unknown): ContentfulStatusCode => answerOf(error)?.status ?? 500;
