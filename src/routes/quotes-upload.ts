import type { Context } from "hono";
import type { ImportDesk } from "../b3/imports.ts";
import type { ImportStatus } from "../b3/import-status.ts";
import { boundaryOf, MultipartError, multipartParts } from "../b3/multipart.ts";
import { UploadTooLarge } from "../b3/upload-file.ts";
import { HttpError } from "./http-error.ts";

/** What a multipart body adds around the file: part headers and boundaries. */
const MULTIPART_OVERHEAD = 64 * 1024;

const tooLarge = (imports: ImportDesk) =>
  new HttpError(413, "upload_too_large", `file: the upload is larger than ${Math.round(imports.maxUploadBytes / 1024 / 1024)} MB (MAX_UPLOAD_MB); nothing was kept`);

/**
 * Stream the multipart field `file` of the request to the importer; the request's body is never
 * held in memory. A Content-Length over the cap is refused before reading anything.
 */
export async function receiveUpload(c: Context, imports: ImportDesk): Promise<ImportStatus> {
  const boundary = boundaryOf(c.req.header("Content-Type"));
  if (!boundary) throw new HttpError(415, "not_multipart", "Send the file as multipart/form-data, in a field named file");
  const length = Number(c.req.header("Content-Length"));
  if (length > imports.maxUploadBytes + MULTIPART_OVERHEAD) throw tooLarge(imports);
  const body = c.req.raw.body;
  try {
    if (body)
      for await (const part of multipartParts(body, boundary)) {
        if (part.name !== "file" || part.fileName === undefined) continue;
        if (part.fileName === "") break;
        return await imports.accept(part.fileName, part.chunks);
      }
  } catch (error) {
    if (error instanceof UploadTooLarge) throw tooLarge(imports);
    if (error instanceof MultipartError) throw new HttpError(400, "bad_upload", `file: the upload could not be read (${error.message})`);
    throw error;
  }
  throw new HttpError(400, "missing_file", "file: choose a file to upload (a multipart field named file)");
}
