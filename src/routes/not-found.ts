import type { Context } from "hono";
import { errorResponse, HttpError } from "./http-error.ts";

export const notFoundPage = (c: Context): Response =>
  errorResponse(c, new HttpError(404, "not_found", `Nothing at ${c.req.path}`), () => {});
