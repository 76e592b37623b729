import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { errorPage } from "../views/error-page.ts";

/**
 * The one error type routes throw; `app.onError` turns it into a response.
 * @example throw new HttpError(404, "unknown_symbol", "Unknown symbol XYZ");
 */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ErrorBody {
  error: { code: string; message: string };
}

const PAGE_TITLES: Partial<Record<number, string>> = {
  400: "Bad request",
  404: "Not found",
  500: "Something went wrong",
};

/** JSON for the API and health checks, an HTML page for everything a person browses. */
const isMachinePath = (path: string): boolean => path.startsWith("/api/") || path.startsWith("/health/");

/**
 * Map any thrown value to a response: `{error: {code, message}}` for machines, a page for people.
 * Unexpected errors become a 500 without details, and are reported to `onUnexpected`.
 */
export function errorResponse(c: Context, error: unknown, onUnexpected: (error: unknown) => void): Response {
  const known = error instanceof HttpError ? error : undefined;
  if (!known) onUnexpected(error);
  const status = known?.status ?? 500;
  const code = known?.code ?? "internal";
  const message = known?.message ?? "Something went wrong on our side";
  if (isMachinePath(c.req.path)) return c.json<ErrorBody>({ error: { code, message } }, status);
  return c.html(errorPage(PAGE_TITLES[status] ?? "Error", message), status);
}
