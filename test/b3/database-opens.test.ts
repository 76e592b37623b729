import { describe, expect, test } from "bun:test";
import { type Client, createClient } from "@libsql/client";
import { openImportDatabase } from "../../src/b3/import-database.ts";
import { B3_MIGRATIONS } from "../../src/b3/migrations.ts";
import { openDatabase } from "../../src/store/database.ts";
import { migrate } from "../../src/store/migrations.ts";
import { WriteTurns } from "../../src/store/write-turns.ts";
import { DEMO, importFile, startB3Runtime } from "./support.ts";

/** The first column of the first row `sql` answers. */
const firstValue = async (db: Client, sql: string) => Object.values((await db.execute(sql)).rows[0] ?? {})[0];

describe("the two connections to the database", () => {
  test("the app's open applies every feature's migrations; the importer's connection finds them, and leaves checkpoints to the worker", async () => {
    const rt = await startB3Runtime();
    const importDb = await openImportDatabase(rt.databaseUrl);
    const client = importDb.client;
    try {
      const versions = await client.execute("SELECT version FROM schema_migrations ORDER BY version");
      expect(versions.rows.map((row) => Number(row.version))).toEqual([1, 2, 3, 4, 5, 10, 11]);
      const tables = await client.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
      expect(tables.rows.map((row) => String(row.name))).toEqual([
        "candles",
        "engine_fence",
        "engine_term",
        "imports",
        "portfolio_visitors",
        "portfolio_visits",
        "portfolios",
        "quotes",
        "schema_migrations",
        "symbol_stats",
        "ticks",
        "trade_cancellations",
        "trades",
      ]);
      expect(await firstValue(client, "PRAGMA journal_mode")).toBe("wal");
      expect(await firstValue(client, "PRAGMA synchronous")).toBe(1); // NORMAL
      expect(await firstValue(client, "PRAGMA busy_timeout")).toBe(5000);
      expect(await firstValue(client, "PRAGMA wal_autocheckpoint")).toBe(0);
    } finally {
      importDb.close();
      await rt.close();
    }
  });

  test("when rows go through the importer's connection, it has its own settings", async () => {
    const rt = await startB3Runtime();
    const importDb = await openImportDatabase(rt.databaseUrl, { path: "client" });
    const client = importDb.client;
    try {
      expect(await firstValue(client, "PRAGMA cache_size")).toBe(-16 * 1024);
      expect(await firstValue(client, "PRAGMA wal_autocheckpoint")).toBe(40_000);
      expect(await firstValue(client, "PRAGMA journal_size_limit")).toBe(64 * 1024 * 1024);
    } finally {
      importDb.close();
      await rt.close();
    }
  });

  test("the app's connection checkpoints by itself, unless it shares the database with an import worker", async () => {
    const rt = await startB3Runtime();
    const alone = await openDatabase(rt.databaseUrl, B3_MIGRATIONS);
    const shared = await openDatabase(rt.databaseUrl, B3_MIGRATIONS, undefined, new WriteTurns());
    try {
      expect(await firstValue(alone, "PRAGMA wal_autocheckpoint")).toBe(1000);
      expect(await firstValue(shared, "PRAGMA wal_autocheckpoint")).toBe(0);
    } finally {
      alone.close();
      shared.close();
      await rt.close();
    }
  });

  test("once no import runs, the import worker copies the WAL into the database file", async () => {
    const rt = await startB3Runtime();
    try {
      const path = rt.databaseUrl.slice("file:".length);
      const size = () => Bun.file(path).size;
      const before = size();
      expect(await importFile(rt, "COTAHIST_DEMO_12022003.TXT", Bun.file(DEMO))).toMatchObject({ status: "done" });
      for (let tries = 0; tries < 60 && size() <= before; tries++) await Bun.sleep(50);
      expect(size()).toBeGreaterThan(before);
    } finally {
      await rt.close();
    }
  });
});

describe("schema migrations, each feature's list", () => {
  test("are applied lowest version first, whatever order the lists come in, and each only once", async () => {
    const db = createClient({ url: ":memory:" });
    const lists = [
      { version: 2, statements: ["CREATE INDEX a_x ON a (x)"] },
      { version: 1, statements: ["CREATE TABLE a (x)"] },
    ];
    await migrate(db, lists);
    await migrate(db, lists);
    expect(Number(await firstValue(db, "SELECT COUNT(*) FROM schema_migrations"))).toBe(2);
    db.close();
  });

  test("two migrations with one version are refused, naming it, before anything is applied", async () => {
    const db = createClient({ url: ":memory:" });
    const clash = { version: 3, statements: ["CREATE TABLE clash (x)"] };
    await expect(migrate(db, [...B3_MIGRATIONS, clash])).rejects.toThrow(
      "two schema migrations have version 3: each needs its own",
    );
    expect(await firstValue(db, "SELECT COUNT(*) FROM sqlite_master")).toBe(0);
    db.close();
  });
});
