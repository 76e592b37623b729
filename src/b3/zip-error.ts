import { DomainError } from "../domain-error.ts";

/**
 * A zip the reader will not open: damaged, of a kind it does not read, or unsafe to inflate.
 * The message says which, for the import's failure.
 * @example throw new ZipError("the zip's central directory is damaged");
 */
export class ZipError extends DomainError {
  constructor(message: string) {
    super("zip_refused", message);
  }
}
