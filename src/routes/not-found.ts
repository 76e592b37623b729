import type { Context } from "hono";
import { errorResponse } from "./error-response.ts";
import { HttpError } from "./http-error.ts";

/**
 * The app's `notFound`: a 404 page, or its JSON error under `/api/` and `/health/`.
 * @example app.notFound(notFoundPage);
 */
export const notFoundPage = (c: Context): Response =>
  errorResponse(c, new HttpError(404, "not_found", `Nothing at ${c.req.path}`), () => {});
