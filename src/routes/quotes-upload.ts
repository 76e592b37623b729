import type { Context } from "hono";
import { DISK_FULL, isDiskFull } from "../b3/disk-full.ts";
import type { ImportStatus } from "../b3/import-status.ts";
import type { ImportDesk } from "../b3/imports.ts";
import { boundaryOf, MultipartError, multipartParts } from "../b3/multipart.ts";
import { UploadTooLarge } from "../b3/upload-file.ts";
import { HttpError } from "./http-error.ts";
import { UploadStalled, uploadBody } from "./upload-body.ts";

/** What a multipart body adds around the file: part headers and boundaries. */
const MULTIPART_OVERHEAD = 64 * 1024;

/** The statuses an upload is refused with. */
const UPLOAD_REFUSALS = [400, 408, 413, 415, 507] as const;
export type UploadRefusal = (typeof UPLOAD_REFUSALS)[number];

/** An upload refused with a message for the person who sent it: the /quotes form shows it. */
export const isUploadRefusal = (error: unknown): error is HttpError & { status: UploadRefusal } =>
  error instanceof HttpError && (UPLOAD_REFUSALS as readonly number[]).includes(error.status);

interface BunServerEnv {
  timeout?: (request: Request, seconds: number) => void;
}

function tooLarge(imports: ImportDesk): HttpError {
  const mb = Math.round(imports.maxUploadBytes / 1024 / 1024);
  return new HttpError(
    413,
    "upload_too_large",
    `file: the upload is larger than ${mb} MB (MAX_UPLOAD_MB); nothing was kept`,
  );
}

/** The HTTP answer to what stopped an upload; other errors are passed on as they are. */
function refusal(error: unknown, imports: ImportDesk): unknown {
  if (error instanceof UploadTooLarge) return tooLarge(imports);
  if (error instanceof UploadStalled)
    return new HttpError(
      408,
      "upload_stalled",
      `file: nothing arrived for ${error.idleMs / 1000} s (UPLOAD_IDLE_TIMEOUT_MS); nothing was kept`,
    );
  if (isDiskFull(error)) return new HttpError(507, "disk_full", `file: ${DISK_FULL}; nothing was kept`);
  if (error instanceof MultipartError)
    return new HttpError(400, "bad_upload", `file: the upload could not be read (${error.message})`);
  return error;
}

async function storeFilePart(c: Context, imports: ImportDesk): Promise<ImportStatus> {
  const boundary = boundaryOf(c.req.header("Content-Type"));
  if (!boundary)
    throw new HttpError(415, "not_multipart", "Send the file as multipart/form-data, in a field named file");
  const maxBytes = imports.maxUploadBytes + MULTIPART_OVERHEAD;
  if (Number(c.req.header("Content-Length")) > maxBytes) throw tooLarge(imports);
  const body = c.req.raw.body;
  if (body) {
    // Bun's idle timeout would cut a slow upload that is still sending: the upload's own limit
    // (on no progress, never on total time) replaces it for this request.
    (c.env as BunServerEnv | undefined)?.timeout?.(c.req.raw, 0);
    for await (const part of multipartParts(uploadBody(body, { maxBytes, idleMs: imports.uploadIdleMs }), boundary)) {
      if (part.name !== "file" || part.fileName === undefined) continue;
      if (part.fileName === "") break;
      return await imports.accept(part.fileName, part.chunks);
    }
  }
  throw new HttpError(400, "missing_file", "file: choose a file to upload (a multipart field named file)");
}

/**
 * Stream the multipart field `file` of the request to the importer; the request's body is never
 * held in memory. A Content-Length over the cap is refused before reading anything, a body that
 * goes past it as soon as it does. A refused upload is answered at once (JSON or the page, by the
 * caller) with `Connection: close`: the rest of its body is not read.
 */
export async function receiveUpload(c: Context, imports: ImportDesk): Promise<ImportStatus> {
  try {
    return await storeFilePart(c, imports);
  } catch (error) {
    c.header("Connection", "close");
    throw refusal(error, imports);
  }
}
