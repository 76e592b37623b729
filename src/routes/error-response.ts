import type { Context, ErrorHandler } from "hono";
import type { Logger } from "../log.ts";
import { errorPage } from "../views/error-page.ts";
import { answerOf, type ErrorAnswer } from "./http-error.ts";

export interface ErrorBody {
  error: { code: string; message: string };
}

const PAGE_TITLES: Partial<Record<number, string>> = {
  400: "Bad request",
  404: "Not found",
  500: "Something went wrong",
};

/** What an unexpected error is answered with: nothing of its details. */
const UNEXPECTED: ErrorAnswer = { status: 500, code: "internal", message: "Something went wrong on our side" };

/** JSON for the API, health checks and metrics, an HTML page for everything a person browses. */
const isMachinePath = (path: string): boolean =>
  path.startsWith("/api/") || path.startsWith("/health/") || path === "/metrics";

/**
 * Map any thrown value to a response: `{error: {code, message}}` for machines, a page for people.
 * Unexpected errors become a 500 without details, and are reported to `onUnexpected`.
 * @example errorResponse(c, new HttpError(404, "not_found", "Nothing here"), () => {});
 */
export function errorResponse(c: Context, error: unknown, onUnexpected: (error: unknown) => void): Response {
  const answer = answerOf(error);
  if (!answer) onUnexpected(error);
  const { status, code, message } = answer ?? UNEXPECTED;
  if (isMachinePath(c.req.path)) return c.json<ErrorBody>({ error: { code, message } }, status);
  return c.html(errorPage(PAGE_TITLES[status] ?? "Error", message), status);
}

/**
 * The app's `onError`: every error answered by `errorResponse`, an unexpected one logged with its
 * message, stack and cause.
 * @example app.onError(errorHandler(log));
 */
export const errorHandler =
  (log: Logger): ErrorHandler =>
  (error, c) =>
    errorResponse(c, error, () => log.error("unhandled error", { path: c.req.path, error }));
