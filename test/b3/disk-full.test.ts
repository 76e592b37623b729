import { afterAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { cotahistText } from "../../scripts/generate-b3/cotahist.ts";
import { zipOf } from "../../scripts/generate-b3/zip.ts";
import type { ImportStatus } from "../../src/b3/import-status.ts";
import { type ConfiguredRuntime, startConfiguredRuntime } from "../support/test-runtime.ts";
import { countQuotes, DEMO, finished, importFile, latin1, upload } from "./support.ts";
import { mountTinyDisk, type TinyDisk } from "./tiny-disk.ts";

setDefaultTimeout(30_000);
/** Unmounted after all tests, those that failed or timed out included. */
const disks: TinyDisk[] = [];
afterAll(() => Promise.all(disks.map((disk) => disk.remove())));

interface Place {
  disk: TinyDisk;
  databaseUrl: string;
  uploads: string;
  /** Run `body` with a runtime whose database and uploads are on the disk; stopped afterwards. */
  withRuntime<T>(body: (rt: ConfiguredRuntime) => Promise<T>): Promise<T>;
}

/** Run `body` with a fresh file system of `megabytes` MB, shared by the database and the uploads. */
async function onTinyDisk(megabytes: number, body: (place: Place) => Promise<void>): Promise<void> {
  const disk = await mountTinyDisk(megabytes);
  disks.push(disk);
  const env = {
    DATABASE_URL: `file:${join(disk.dir, "tickertape.db")}`,
    DATA_DIR: join(disk.dir, "data"),
    SYMBOLS: "AAPL",
    TICK_MS: "3600000",
  };
  const withRuntime = async <T>(run: (rt: ConfiguredRuntime) => Promise<T>): Promise<T> => {
    const rt = await startConfiguredRuntime(env);
    try {
      return await run(rt);
    } finally {
      await rt.stop();
    }
  };
  await body({ disk, databaseUrl: env.DATABASE_URL, uploads: join(disk.dir, "data", "uploads"), withRuntime });
}

const quotes = (date: string, records: number) => cotahistText({ records, perDay: records, startDate: date });
/** 8,000 quotes of one day: about 2 MB, which fits on a 3 MB disk, but not with the rows it makes. */
const tooManyRows = (date: string) => latin1(quotes(date, 8000));
/** Other tickers than `text`'s (`G…5` for `G…4`), whose rows fall between its rows in every index. */
const interleaved = (text: string) => text.replace(/^(01.{16})4/gm, "$15");
const FULL = "the disk is full: free some space, then upload the file again.";

const statusOf = async (rt: ConfiguredRuntime, id: number) =>
  (await (await rt.get(`/api/imports/${id}`)).json()) as ImportStatus;

/** Run one statement on the database, as another process would. */
async function execute(databaseUrl: string, sql: string, args: (string | number)[]) {
  const db = createClient({ url: databaseUrl });
  try {
    return await db.execute({ sql, args });
  } finally {
    db.close();
  }
}

describe("a full disk", () => {
  test("an upload that does not fit: 507 disk_full, its partial file removed, no import recorded", async () => {
    await onTinyDisk(3, async ({ uploads, withRuntime }) => {
      await withRuntime(async (rt) => {
        const tooBig = new Uint8Array(4 * 1024 * 1024);
        const res = await upload(rt, "big.TXT", tooBig);
        expect(res.status).toBe(507);
        expect(await res.json()).toEqual({
          error: { code: "disk_full", message: "file: the disk is full; nothing was kept" },
        });
        const form = await upload(rt, "big.TXT", tooBig, "/quotes/upload", { "HX-Request": "true" });
        expect(form.status).toBe(507);
        expect(await form.text()).toContain(
          '<p id="upload-error" class="form-error" role="alert">the disk is full; nothing was kept</p>',
        );
        expect(await readdir(uploads)).toEqual([]);
        expect(((await (await rt.get("/api/imports")).json()) as { imports: unknown[] }).imports).toEqual([]);
      });
    });
  });

  test("an import that fills the database fails, saying so; its upload and rows are removed", async () => {
    await onTinyDisk(3, async ({ uploads, withRuntime }) => {
      await withRuntime(async (rt) => {
        const status = await importFile(rt, "COTAHIST_A2024.TXT", tooManyRows("2024-01-02"));
        expect(status).toMatchObject({ status: "failed", rowsInserted: 0 });
        expect(status.failure).toStartWith(`${FULL} No rows of this file were kept (the `);
        expect(await readdir(uploads)).toEqual([]);
        expect(await countQuotes(rt, "&from=2024-01-02&to=2024-01-02")).toBe(0);
        expect(await importFile(rt, "COTAHIST_DEMO_12022003.TXT", Bun.file(DEMO))).toMatchObject({
          status: "done",
          rowsInserted: 551,
        });
      });
    });
  });

  test("an import left running on a full disk fails at the next start, and stays failed after another", async () => {
    await onTinyDisk(3, async ({ databaseUrl, uploads, withRuntime }) => {
      await withRuntime(async () => {}); // the schema and the uploads folder
      const storedPath = join(uploads, "left-running.upload");
      await Bun.write(storedPath, tooManyRows("2024-02-01"));
      // As a process would leave it that had started the import and stopped before writing a row.
      const { rows } = await execute(
        databaseUrl,
        `INSERT INTO imports (file_name, stored_path, format, bytes, status, created_at, started_at)
         VALUES ('COTAHIST_A2024.TXT', ?, 'cotahist', ?, 'running', ?, ?) RETURNING id`,
        [storedPath, Bun.file(storedPath).size, Date.now(), Date.now()],
      );
      const id = Number(rows[0]?.id);
      const failed = await withRuntime(async (rt) => {
        const status = await finished(rt, id);
        expect(status).toMatchObject({ status: "failed", rowsInserted: 0 });
        expect(status.failure).toStartWith(`${FULL} No rows of this file were kept`);
        expect(await readdir(uploads)).toEqual([]);
        return status;
      });
      await withRuntime(async (rt) => {
        await Bun.sleep(100); // time to resume it, were it resumed
        expect(await statusOf(rt, id)).toEqual({ ...failed, rate: expect.any(Number) });
        expect(await countQuotes(rt, "&from=2024-02-01&to=2024-02-01")).toBe(0);
      });
    });
  });

  test("without room to remove its rows, the import fails at once; they go at the first start with room", async () => {
    await onTinyDisk(4, async ({ disk, withRuntime }) => {
      const first = quotes("2024-03-01", 8000);
      const { id, rowsInserted: rowsLeft } = await withRuntime(async (rt) => {
        expect(await importFile(rt, "first.TXT", latin1(first))).toMatchObject({ status: "done", rowsInserted: 8000 });
        // Its rows share every page with the first file's: removing them rewrites those pages.
        const status = await importFile(
          rt,
          "second.zip",
          zipOf([{ name: "second.TXT", data: latin1(interleaved(first)) }]),
        );
        expect(status.status).toBe("failed");
        expect(status.rowsInserted).toBeGreaterThan(0);
        expect(status.failure).toBe(
          `${FULL} No rows of this file are kept: the ${status.rowsInserted} rows it had written are removed ` +
            "at the next start, once there is room.",
        );
        return status;
      });
      await withRuntime(async (rt) => {
        expect(await statusOf(rt, id)).toMatchObject({ status: "failed", rowsInserted: rowsLeft });
        expect(await countQuotes(rt)).toBe(8000 + rowsLeft);
      });
      disk.grow(16);
      await withRuntime(async (rt) => {
        expect(await statusOf(rt, id)).toMatchObject({ status: "failed", rowsInserted: 0 });
        expect(await countQuotes(rt)).toBe(8000);
      });
    });
  });
});

describe("an import left running whose upload is gone", () => {
  test("fails at the next start, saying so, and the rows it had written are removed", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tickertape-upload-gone-"));
    const env = { DATABASE_URL: `file:${join(dir, "tickertape.db")}`, DATA_DIR: join(dir, "data") };
    try {
      const rt = await startConfiguredRuntime(env);
      const done = await importFile(rt, "COTAHIST_DEMO_12022003.TXT", Bun.file(DEMO)).finally(() => rt.stop());
      expect(done).toMatchObject({ status: "done", rowsInserted: 551 });
      // As a process would leave it that had written the demo's rows and stopped, its upload lost since.
      const lost = join(dir, "data", "uploads", "lost.upload");
      await execute(
        env.DATABASE_URL,
        "UPDATE imports SET status = 'running', finished_at = NULL, stored_path = ? WHERE id = ?",
        [lost, done.id],
      );
      const again = await startConfiguredRuntime(env);
      try {
        const status = await finished(again, done.id);
        expect(status).toMatchObject({ status: "failed", rowsInserted: 0 });
        expect(status.failure).toBe(
          "COTAHIST_DEMO_12022003.TXT: the uploaded file is no longer on disk; upload it again. " +
            "No rows of this file were kept (the 551 rows it had written were removed).",
        );
        expect(await countQuotes(again)).toBe(0);
      } finally {
        await again.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
