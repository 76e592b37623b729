import { DomainError } from "../domain-error.ts";

/** What an upload or an import that ran out of room says. */
export const DISK_FULL = "the disk is full";

/**
 * True for running out of room: ENOSPC or EDQUOT from the file system, SQLITE_FULL from libSQL.
 * @example if (isDiskFull(error)) throw new UploadDiskFull(error);
 */
export function isDiskFull(error: unknown): boolean {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === "ENOSPC" || code === "EDQUOT" || code === "SQLITE_FULL";
}

/**
 * An upload that ran out of room while it was stored or recorded; nothing of it was kept.
 * @example throw new UploadDiskFull(error); // "file: the disk is full; nothing was kept"
 */
export class UploadDiskFull extends DomainError {
  constructor(cause: unknown) {
    super("disk_full", `file: ${DISK_FULL}; nothing was kept`, { cause });
  }
}
