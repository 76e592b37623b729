/** What an upload or an import that ran out of room says. */
export const DISK_FULL = "the disk is full";

/**
 * True for running out of room: ENOSPC or EDQUOT from the file system, SQLITE_FULL from libSQL.
 * @example if (isDiskFull(error)) throw new HttpError(507, "disk_full", DISK_FULL);
 */
export function isDiskFull(error: unknown): boolean {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === "ENOSPC" || code === "EDQUOT" || code === "SQLITE_FULL";
}
