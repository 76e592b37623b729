import { bodyLimit } from "hono/body-limit";
import { HttpError } from "./http-error.ts";

/** Bodies of forms and JSON events; only file uploads (which stream to disk) may be larger. */
export const SMALL_BODY_BYTES = 1024 * 1024;

/**
 * Refuse a request body over `SMALL_BODY_BYTES` with a 413, before it is buffered. Mounted on
 * every route that reads a body into memory.
 */
export const smallBody = bodyLimit({
  maxSize: SMALL_BODY_BYTES,
  onError: () => {
    throw new HttpError(413, "body_too_large", `The request body is larger than ${SMALL_BODY_BYTES / 1024 / 1024} MB`);
  },
});
