import { afterAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { cotahistText } from "../../scripts/generate-b3/cotahist.ts";
import { negociosText } from "../../scripts/generate-b3/negocios.ts";
import { ClientRowSink } from "../../src/b3/client-row-sink.ts";
import { FileRowSink } from "../../src/b3/file-row-sink.ts";
import { openImportDatabase, type RowPath } from "../../src/b3/import-database.ts";
import type { ImportStatus } from "../../src/b3/import-status.ts";
import { Importer } from "../../src/b3/importer.ts";
import { B3_MIGRATIONS } from "../../src/b3/migrations.ts";
import { createLogger } from "../../src/log.ts";
import { openDatabase } from "../../src/store/database.ts";
import { tempDir } from "../support/test-runtime.ts";
import { latin1 } from "./support.ts";

const dirs: (() => void)[] = [];
afterAll(() => {
  for (const remove of dirs) remove();
});

const QUOTES = latin1(cotahistText({ records: 3200, perDay: 800, startDate: "2024-03-01", badLines: [7, 1500] }));
const TRADES = negociosText({ trades: 900, cancel: [3, 450, 899] });

async function* chunksOf(content: Uint8Array): AsyncGenerator<Uint8Array> {
  yield content;
}

/** Every import's outcome and what the tables hold, after the same uploads through the rows path `path`. */
async function importsThrough(path: RowPath) {
  const { dir, remove } = tempDir();
  dirs.push(remove);
  const url = `file:${join(dir, "tickertape.db")}`;
  const appDb = await openDatabase(url, B3_MIGRATIONS);
  const importDb = await openImportDatabase(url, { path });
  const options = { dataDir: dir, maxUploadBytes: 1e8, maxUnzippedBytes: 1e8, uploadIdleMs: 10_000, concurrency: 1 };
  const claims = { nodeId: "row-sinks", claimMs: 5000 };
  const importer = new Importer(importDb, { ...options, ...claims }, createLogger("silent"));
  const outcomes: Omit<ImportStatus, "id" | "createdAt" | "startedAt" | "finishedAt" | "rate">[] = [];
  try {
    await importer.start();
    for (const [name, content] of [
      ["COTAHIST_A2024.TXT", QUOTES],
      ["COTAHIST_A2024.TXT", QUOTES],
      ["NEGOCIOSAVISTA.txt", new TextEncoder().encode(TRADES)],
      ["NEGOCIOSAVISTA.txt", new TextEncoder().encode(TRADES)],
    ] as const) {
      const done = new Promise<ImportStatus>((resolve) => {
        const stop = importer.onEvent((event) => {
          if (event.kind !== "finished") return;
          stop();
          resolve(event.status);
        });
      });
      await importer.accept(name, chunksOf(content));
      const { id, createdAt, startedAt, finishedAt, rate, ...outcome } = await done;
      outcomes.push(outcome);
    }
    const table = async (sql: string) => (await appDb.execute(sql)).rows.map((row) => Object.values(row));
    return {
      sink: importDb.rows.constructor.name,
      outcomes,
      quotes: await table("SELECT * FROM quotes ORDER BY date, ticker, market, term"),
      trades: await table("SELECT * FROM trades ORDER BY trade_date, instrument, trade_id"),
      cancellations: await table("SELECT * FROM trade_cancellations ORDER BY trade_date, instrument, trade_id"),
    };
  } finally {
    await importer.stop();
    importDb.close();
    appDb.close();
  }
}

describe("the two ways rows are written", () => {
  test("a file: database gets libsql's own driver; another URL gets @libsql/client", async () => {
    const { dir, remove } = tempDir();
    dirs.push(remove);
    const url = `file:${join(dir, "tickertape.db")}`;
    await openDatabase(url, B3_MIGRATIONS).then((db) => db.close());
    const file = await openImportDatabase(url);
    const client = await openImportDatabase(url, { path: "client" });
    expect(file.rows).toBeInstanceOf(FileRowSink);
    expect(client.rows).toBeInstanceOf(ClientRowSink);
    file.close();
    client.close();
  });

  test("give the same rows and the same counts: duplicates, bad lines, cancellations, re-imports", async () => {
    const file = await importsThrough("file");
    const client = await importsThrough("client");
    expect(file.sink).toBe("FileRowSink");
    expect(client.sink).toBe("ClientRowSink");
    expect(
      file.outcomes.map((o) => [o.status, o.rowsInserted, o.rowsDuplicate, o.rowsRejected, o.rowsCancelled]),
    ).toEqual([
      ["done", 3198, 0, 2, 0],
      ["done", 0, 3198, 2, 0],
      ["done", 900, 0, 0, 3],
      ["done", 0, 900, 0, 0],
    ]);
    expect(client.outcomes).toEqual(file.outcomes);
    expect(file.quotes).toHaveLength(3198);
    expect(file.trades).toHaveLength(897);
    expect(client.quotes).toEqual(file.quotes);
    expect(client.trades).toEqual(file.trades);
    expect(client.cancellations).toEqual(file.cancellations);
  });
});
