import type { Context } from "hono";
import type { ImportStatus } from "../b3/import-status.ts";
import type { Importer } from "../b3/importer.ts";
import { boundaryOf, multipartParts } from "../b3/multipart.ts";
import { UploadTooLarge } from "../b3/upload-file.ts";
import { DomainError } from "../domain-error.ts";
import type { UploadAccess } from "./upload-access.ts";
import { maxBodyBytes, uploadBody } from "./upload-body.ts";

interface BunServerEnv {
  timeout?: (request: Request, seconds: number) => void;
}

async function storeFilePart(c: Context, importer: Importer): Promise<ImportStatus> {
  const boundary = boundaryOf(c.req.header("Content-Type"));
  if (!boundary) throw new DomainError("not_multipart", "Send the file as multipart/form-data, in a field named file");
  if (Number(c.req.header("Content-Length")) > maxBodyBytes(importer.maxUploadBytes))
    throw new UploadTooLarge(importer.maxUploadBytes);
  const body = c.req.raw.body;
  if (body) {
    // Bun's idle timeout would cut a slow upload that is still sending: the upload's own limit
    // (on no progress, never on total time) replaces it for this request.
    (c.env as BunServerEnv | undefined)?.timeout?.(c.req.raw, 0);
    const limits = { maxFileBytes: importer.maxUploadBytes, idleMs: importer.uploadIdleMs };
    for await (const part of multipartParts(uploadBody(body, limits), boundary)) {
      if (part.name !== "file" || part.fileName === undefined) continue;
      if (part.fileName === "") break;
      return await importer.accept(part.fileName, part.chunks);
    }
  }
  throw new DomainError("missing_file", "file: choose a file to upload (a multipart field named file)");
}

/**
 * Check that the client may upload (`access`), then stream the multipart field `file` of the
 * request to the importer; the request's body is never
 * held in memory. A Content-Length over the cap is refused before reading anything, a body that
 * goes past it as soon as it does. A refused upload throws a DomainError saying why (the JSON
 * error or the /quotes form shows its message), answered at once with `Connection: close`: the
 * rest of its body is not read.
 * @example const { id } = await receiveUpload(c, importer, access);
 */
export async function receiveUpload(c: Context, importer: Importer, access: UploadAccess): Promise<ImportStatus> {
  try {
    await access.check(c);
    return await storeFilePart(c, importer);
  } catch (error) {
    c.header("Connection", "close");
    throw error;
  }
}
