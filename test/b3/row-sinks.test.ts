import { afterAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import Database from "libsql";
import { cotahistText } from "../../scripts/generate-b3/cotahist.ts";
import { negociosText } from "../../scripts/generate-b3/negocios.ts";
import { CotahistParser } from "../../src/b3/cotahist.ts";
import { FileRowSink } from "../../src/b3/file-row-sink.ts";
import { openImportDatabase, type RowPath } from "../../src/b3/import-database.ts";
import type { ImportStatus } from "../../src/b3/import-status.ts";
import { Importer } from "../../src/b3/importer.ts";
import { B3_MIGRATIONS } from "../../src/b3/migrations.ts";
import { RowBatch } from "../../src/b3/row-batch.ts";
import { WorkerImportRunner } from "../../src/b3/worker-import-runner.ts";
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

const INDEXES = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name";

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
      inWorker: importDb.runner instanceof WorkerImportRunner,
      outcomes,
      quotes: await table("SELECT * FROM quotes ORDER BY date, ticker, market, term"),
      trades: await table("SELECT * FROM trades ORDER BY trade_date, instrument, trade_id"),
      cancellations: await table("SELECT * FROM trade_cancellations ORDER BY trade_date, instrument, trade_id"),
      indexes: await table(INDEXES),
    };
  } finally {
    await importer.stop();
    importDb.close();
    appDb.close();
  }
}

describe("the two ways rows are written", () => {
  test("a file: database's imports run in the import worker; another URL's on this thread, through @libsql/client", async () => {
    const { dir, remove } = tempDir();
    dirs.push(remove);
    const url = `file:${join(dir, "tickertape.db")}`;
    await openDatabase(url, B3_MIGRATIONS).then((db) => db.close());
    const file = await openImportDatabase(url);
    const client = await openImportDatabase(url, { path: "client" });
    expect(file.runner).toBeInstanceOf(WorkerImportRunner);
    expect(client.runner).not.toBeInstanceOf(WorkerImportRunner);
    file.close();
    client.close();
  });

  test("give the same rows and the same counts: duplicates, bad lines, cancellations, re-imports", async () => {
    const file = await importsThrough("file");
    const client = await importsThrough("client");
    expect(file.inWorker).toBe(true);
    expect(client.inWorker).toBe(false);
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
    // The file path built the indexes its first imports went without, as the migrations define them.
    expect(file.indexes).toEqual(client.indexes);
    expect(file.indexes.map(([name]) => name)).toEqual(["imports_status", "quotes_ticker", "trades_instrument"]);
  });
});

describe("the secondary indexes of a first import", () => {
  const fresh = async () => {
    const { dir, remove } = tempDir();
    dirs.push(remove);
    const url = `file:${join(dir, "tickertape.db")}`;
    const appDb = await openDatabase(url, B3_MIGRATIONS);
    const indexes = async () => (await appDb.execute(INDEXES)).rows.map((row) => String(row.name));
    return { url, path: join(dir, "tickertape.db"), appDb, indexes };
  };
  const quotes = (date: string) => {
    const parser = new CotahistParser("t");
    return cotahistText({ records: 300, perDay: 300, startDate: date })
      .split(/\r?\n/)
      .filter((line) => line.startsWith("01"))
      .flatMap((line, i) => {
        const parsed = parser.line(line, i + 2);
        return parsed?.kind === "dailyQuote" ? [parsed] : [];
      });
  };
  const state = (id: number) => ({ sql: "UPDATE imports SET lines_read = lines_read WHERE id = ?", args: [id] });

  test("are dropped while rows go into an empty table, and built again once no import is writing", async () => {
    const { path, appDb, indexes } = await fresh();
    const db = new Database(path);
    const sink = new FileRowSink(db);
    const batch = new RowBatch();
    for (const parsed of quotes("2024-03-01")) batch.add(parsed);
    await sink.write(1, batch.take(), state(1));
    expect(await indexes()).toEqual(["imports_status"]);
    for (const parsed of quotes("2024-03-04")) batch.add(parsed);
    // A second import onto a table with rows: nothing more is dropped, nothing built while the first writes.
    await sink.write(2, batch.take(), state(2));
    await sink.release(2);
    expect(await indexes()).toEqual(["imports_status"]);
    await sink.release(1);
    expect(await indexes()).toEqual(["imports_status", "quotes_ticker", "trades_instrument"]);
    // Onto a table with rows, an import keeps the index up to date row by row (`trades` is still empty).
    for (const parsed of quotes("2024-03-05")) batch.add(parsed);
    await sink.write(3, batch.take(), state(3));
    expect(await indexes()).toEqual(["imports_status", "quotes_ticker"]);
    await sink.release(3);
    expect(await indexes()).toEqual(["imports_status", "quotes_ticker", "trades_instrument"]);
    db.close();
    appDb.close();
  });

  test("left missing by a crash, are built when the importer's connection opens", async () => {
    const { url, appDb, indexes } = await fresh();
    await appDb.execute("DROP INDEX quotes_ticker");
    expect(await indexes()).toEqual(["imports_status", "trades_instrument"]);
    const importDb = await openImportDatabase(url);
    expect(await indexes()).toEqual(["imports_status", "quotes_ticker", "trades_instrument"]);
    importDb.close();
    appDb.close();
  });
});
