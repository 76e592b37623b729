import { mkdir, readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Config } from "../config.ts";
import type { Logger } from "../log.ts";
import { detectFormat } from "./detect.ts";
import { isDiskFull, UploadDiskFull } from "./disk-full.ts";
import { ImportClaims } from "./import-claims.ts";
import type { ImportDatabase } from "./import-database.ts";
import { type ImportEvent, ImportEvents } from "./import-events.ts";
import { ImportQueue } from "./import-queue.ts";
import type { ImportFormat, ImportStatus } from "./import-status.ts";
import { type ImportRecord, ImportStore } from "./import-store.ts";
import { PARTIAL_SUFFIX, storeUpload } from "./upload-file.ts";

export interface ImporterOptions {
  /** Uploads are kept in `<dataDir>/uploads` until imported. */
  dataDir: string;
  maxUploadBytes: number;
  /** A zip upload may inflate to this many bytes, all its files together. */
  maxUnzippedBytes: number;
  uploadIdleMs: number;
  concurrency: number;
  /** This node's name on the imports it claims (one node runs each import). */
  nodeId: string;
  /** A claim lasts this long unless renewed: a dead node's imports are taken over after it. */
  claimMs: number;
}

const MB = 1024 * 1024;

/**
 * The importer's options from the configuration.
 * @example const importer = new Importer(importDb, importerOptions(config), log);
 */
export const importerOptions = (
  config: Pick<
    Config,
    "dataDir" | "maxUploadMb" | "maxUnzippedMb" | "uploadIdleTimeoutMs" | "importConcurrency" | "cluster"
  >,
): ImporterOptions => ({
  nodeId: config.cluster.nodeId,
  claimMs: config.cluster.engineLeaseMs,
  dataDir: config.dataDir,
  maxUploadBytes: config.maxUploadMb * MB,
  maxUnzippedBytes: config.maxUnzippedMb * MB,
  uploadIdleMs: config.uploadIdleTimeoutMs,
  concurrency: config.importConcurrency,
});

/** A name a person can read: no path, no control characters, not too long. */
const displayName = (name: string): string =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what is removed
  (name.split(/[\\/]/).pop() ?? "").replace(/[\x00-\x1f\x7f]/g, "").slice(0, 200) || "upload";

/** An upload still partial after this long was interrupted by a crash. */
const STALE_PARTIAL_MS = 3600_000;

const publicStatus = ({ storedPath: _, ...status }: ImportRecord): ImportStatus => status;

/**
 * The B3 importer: uploads stored under generated names, imported by a background queue,
 * state in libSQL. `start()` re-queues what a previous process left unfinished.
 * @example const importer = new Importer(importDb, importerOptions(config), log); await importer.start();
 */
export class Importer {
  readonly #store: ImportStore;
  readonly #events = new ImportEvents();
  readonly #queue: ImportQueue;
  readonly #claims: ImportClaims;
  readonly #uploads: string;
  readonly maxUploadBytes: number;
  /** An upload sending nothing for this long is given up. */
  readonly uploadIdleMs: number;

  constructor(
    db: ImportDatabase,
    options: ImporterOptions,
    private readonly log: Logger,
  ) {
    this.#store = new ImportStore(db.client);
    this.#claims = new ImportClaims(db.client, options);
    this.#uploads = join(options.dataDir, "uploads");
    this.maxUploadBytes = options.maxUploadBytes;
    this.uploadIdleMs = options.uploadIdleMs;
    const context = { events: this.#events, log, maxUnzippedBytes: options.maxUnzippedBytes };
    this.#queue = new ImportQueue(
      async (id, signal) => {
        const record = await this.#store.get(id);
        if (record && (record.status === "queued" || record.status === "running"))
          await db.runner.run(record, context, signal);
      },
      options.concurrency,
      log,
    );
  }

  /**
   * Create the upload directory, drop uploads a crash interrupted, then keep claims: unfinished
   * imports no live node holds are claimed and queued, now and whenever a node's claims expire.
   * (Only stale partial files are removed: another process may share the directory.)
   */
  async start(): Promise<void> {
    await mkdir(this.#uploads, { recursive: true });
    for (const name of await readdir(this.#uploads)) {
      const path = join(this.#uploads, name);
      if (name.endsWith(PARTIAL_SUFFIX) && (await stat(path)).mtimeMs < Date.now() - STALE_PARTIAL_MS)
        await rm(path, { force: true });
    }
    await this.#removeRowsLeftByFailures();
    this.#claims.keep(this.#queue, this.log);
  }

  /** Rows of failed imports that a full disk left in place; still no room, they wait for the next start. */
  async #removeRowsLeftByFailures(): Promise<void> {
    for (const { id, rowsInserted } of await this.#store.failedWithRows()) {
      try {
        await this.#store.removeRows(id);
        this.log.info("removed the rows of a failed import", { id, rows: rowsInserted });
      } catch (error) {
        this.log.error("the rows of a failed import cannot be removed yet", { id, error });
      }
    }
  }

  /** Stop the running imports where they are and give their claims back (resumed at the next start, or elsewhere). */
  async stop(): Promise<void> {
    await this.#queue.stop();
    await this.#claims.release();
  }

  /**
   * Store an upload and queue its import. Past the cap it throws UploadTooLarge, without room
   * left UploadDiskFull; either way nothing is kept.
   */
  async accept(fileName: string, chunks: AsyncIterable<Uint8Array>): Promise<ImportStatus> {
    const record = await this.#record(fileName, chunks).catch((error: unknown) => {
      throw isDiskFull(error) ? new UploadDiskFull(error) : error;
    });
    const status = publicStatus(record);
    this.#events.emit({ kind: "created", status });
    // Unclaimed (the database was busy), it is claimed by the next round of claims, here or elsewhere.
    if (await this.#claims.claim(record.id).catch(() => false)) this.#queue.enqueue(record.id);
    return status;
  }

  async #record(fileName: string, chunks: AsyncIterable<Uint8Array>): Promise<ImportRecord> {
    const upload = await storeUpload(this.#uploads, chunks, this.maxUploadBytes);
    const detected = detectFormat(upload.head);
    const format: ImportFormat = detected === "empty" ? "unknown" : detected;
    return this.#store
      .create({ fileName: displayName(fileName), storedPath: upload.path, format, bytes: upload.bytes })
      .catch(async (error: unknown) => {
        await rm(upload.path, { force: true });
        throw error;
      });
  }

  async get(id: number): Promise<ImportStatus | undefined> {
    const record = await this.#store.get(id);
    return record && publicStatus(record);
  }

  /** Newest first. */
  async list(limit: number): Promise<ImportStatus[]> {
    return (await this.#store.list(limit)).map(publicStatus);
  }

  /** Call `listener` on every import event; returns the function that stops it. */
  onEvent(listener: (event: ImportEvent) => void): () => void {
    return this.#events.onEvent(listener);
  }
}
