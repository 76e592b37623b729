/**
 * A zip the reader will not open: damaged, of a kind it does not read, or unsafe to inflate.
 * The message says which, for the import's failure.
 */
export class ZipError extends Error {}
