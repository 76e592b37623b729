/**
 * The import worker: a thread of its own where the imports of a `file:` database run whole (read,
 * parse, write), on its own connections. The `libsql` driver is synchronous and parsing is CPU work:
 * on the server's thread, transactions, index builds and the garbage of half a gigabyte of text held
 * its event loop. WorkerImportRunner (worker-import-runner.ts) starts it and talks to it.
 */
import { type Client, createClient } from "@libsql/client";
import Database from "libsql";
import { LOG_LEVELS, type Logger } from "../log.ts";
import { applyPragmas } from "../store/pragmas.ts";
import { takingTurns, WriteTurns } from "../store/write-turns.ts";
import { restoreIndexes } from "./deferred-indexes.ts";
import { FileRowSink } from "./file-row-sink.ts";
import { checkpointWhileIdle } from "./idle-checkpoints.ts";
import { ImportEvents } from "./import-events.ts";
import { runImport } from "./import-job.ts";
import { type ImportRecord, ImportStore } from "./import-store.ts";
import { type WorkerMessage, type WorkerRequest, workerError } from "./import-worker-protocol.ts";
import type { RowSink } from "./row-sink.ts";

/** The worker's global scope. */
declare const self: {
  postMessage(message: WorkerMessage): void;
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  close(): void;
};

/**
 * While it imports, the worker collects its garbage at most this often: left to itself, the heap of
 * decoded lines grew by some 50 MB before a collection; a full collection of this small heap takes a
 * few milliseconds, on this thread only.
 */
const COLLECT_EVERY_MS = 1000;

interface Connections {
  db: Database.Database;
  /** The database's WAL file. */
  walPath: string;
  turns: WriteTurns;
  client: Client;
  rows: RowSink;
  store: ImportStore;
}

const post = (message: WorkerMessage) => self.postMessage(message);

/** The log of import `id`: its lines go to the server's thread, which writes them. */
const logOf = (id: number) =>
  Object.fromEntries(
    LOG_LEVELS.filter((level) => level !== "silent").map((level) => [
      level,
      (message: string, fields: Record<string, unknown> = {}) => {
        try {
          post({ kind: "log", id, level, message, fields });
        } catch {
          // A field that cannot cross threads crosses as its text.
          const texts = Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, String(value)]));
          post({ kind: "log", id, level, message, fields: texts });
        }
      },
    ]),
  ) as Logger;

let collectedAt = Date.now();
const events = new ImportEvents();
events.onEvent((event) => {
  post({ kind: "event", event });
  if (Date.now() - collectedAt < COLLECT_EVERY_MS) return;
  Bun.gc(true);
  collectedAt = Date.now();
});

/** `rows`, writing in the import's turns. */
const inTurns = (rows: RowSink, turns: WriteTurns): RowSink => ({
  rowsPerTransaction: rows.rowsPerTransaction,
  write: (importId, runs, state) => turns.import(() => rows.write(importId, runs, state)),
  release: (importId) => turns.import(() => rows.release(importId)),
});

/**
 * The rows' connection (with `pragmas`) and the import state's, to the `file:` database at `url`, both
 * writing in the import's turns of the server's WriteTurns (`shared`).
 */
async function open(url: string, pragmas: string, shared: SharedArrayBuffer): Promise<Connections> {
  const turns = new WriteTurns(shared);
  const path = url.slice("file:".length).split("?")[0] ?? "";
  const db = new Database(path);
  db.exec(pragmas);
  // A crash (or a stop) during a first import may have left its tables without their indexes.
  await turns.import(async () => restoreIndexes(db));
  const client = takingTurns(createClient({ url, concurrency: 1 }), (write) => turns.import(write));
  await applyPragmas(client, url);
  return {
    db,
    walPath: `${path}-wal`,
    turns,
    client,
    rows: inTurns(new FileRowSink(db), turns),
    store: new ImportStore(client),
  };
}

let connections: Promise<Connections> | undefined;
const running = new Map<number, AbortController>();
let stopCheckpoints = () => {};

async function run(record: ImportRecord, maxUnzippedBytes: number): Promise<void> {
  const abort = new AbortController();
  running.set(record.id, abort);
  try {
    const { rows, store } = await (connections ?? Promise.reject(new Error("the import worker has no database")));
    const log = logOf(record.id);
    await runImport(record, { rows, store, events, log, now: Date.now, maxUnzippedBytes }, abort.signal);
    post({ kind: "ended", id: record.id });
  } catch (error) {
    post({ kind: "ended", id: record.id, error: workerError(error) });
  } finally {
    running.delete(record.id);
  }
}

async function close(): Promise<void> {
  stopCheckpoints();
  const opened = await connections?.catch(() => undefined);
  opened?.client.close();
  opened?.db.close();
  post({ kind: "closed" });
  self.close();
}

self.onmessage = ({ data: request }: MessageEvent<WorkerRequest>) => {
  switch (request.kind) {
    case "open":
      connections = open(request.url, request.pragmas, request.turns);
      connections.then(
        ({ db, walPath, turns }) => {
          stopCheckpoints = checkpointWhileIdle(db, walPath, turns, () => running.size > 0);
          post({ kind: "opened" });
        },
        (error: unknown) => post({ kind: "openFailed", error: workerError(error) }),
      );
      return;
    case "run":
      void run(request.record, request.maxUnzippedBytes);
      return;
    case "stop":
      running.get(request.id)?.abort();
      return;
    case "close":
      void close();
      return;
  }
};
