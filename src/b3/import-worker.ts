/**
 * The import worker: a thread of its own holding the importer's `libsql` connection to a `file:`
 * database, where every transaction of rows runs. The driver is synchronous, so its transactions,
 * checkpoints and index builds would otherwise hold the server's event loop (requests waited up to
 * half a second behind them). WorkerRowSink (worker-row-sink.ts) starts it and talks to it.
 */
import Database from "libsql";
import { restoreIndexes } from "./deferred-indexes.ts";
import { FileRowSink } from "./file-row-sink.ts";
import type { WorkerReply, WorkerRequest } from "./import-worker-protocol.ts";

/** The worker's global scope. */
declare const self: {
  postMessage(message: WorkerReply): void;
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  close(): void;
};

let db: Database.Database | undefined;
let sink: FileRowSink | undefined;

const reply = (message: WorkerReply) => self.postMessage(message);

/** The error as plain data: its message, and the code that says "disk full". */
const errorOf = (error: unknown) => ({
  message: error instanceof Error ? error.message : String(error),
  code: typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined,
});

function open(path: string, pragmas: string, rowsPerTransaction: number): void {
  db = new Database(path);
  db.exec(pragmas);
  // A crash (or a stop) during a first import may have left its tables without their indexes.
  restoreIndexes(db);
  sink = new FileRowSink(db, rowsPerTransaction);
}

async function handle(request: WorkerRequest): Promise<WorkerReply> {
  const { seq } = request;
  try {
    switch (request.kind) {
      case "open":
        open(request.path, request.pragmas, request.rowsPerTransaction);
        return { seq, kind: "ok" };
      case "write": {
        if (!sink) throw new Error("the import worker's database is not open");
        return { seq, kind: "written", counts: sink.writePacked(request.importId, request.runs, request.state) };
      }
      case "release":
        await sink?.release(request.importId);
        return { seq, kind: "ok" };
      case "close":
        db?.close();
        db = undefined;
        sink = undefined;
        return { seq, kind: "ok" };
    }
  } catch (error) {
    return { seq, kind: "error", error: errorOf(error) };
  }
}

// One request at a time, in order: `handle` runs each synchronously to its end.
self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const answer = await handle(event.data);
  reply(answer);
  if (event.data.kind === "close") self.close();
};
