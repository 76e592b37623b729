import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "libsql";
import { checkpointWhileIdle } from "../../src/b3/idle-checkpoints.ts";
import { WriteTurns } from "../../src/store/write-turns.ts";

const LIMIT = 64 * 1024;
let dir: string;
let path: string;
let db: Database.Database;
let stop = () => {};

const size = (file: string) => Bun.file(file).size;
const wal = () => size(`${path}-wal`);

/** Poll `done` every 50 ms for up to 3 s. */
async function eventually(done: () => boolean): Promise<boolean> {
  for (let tries = 0; tries < 60 && !done(); tries++) await Bun.sleep(50);
  return done();
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "idle-checkpoints-"));
  path = join(dir, "t.db");
  db = new Database(path);
  db.exec(`PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = ${LIMIT}`);
  db.exec("CREATE TABLE t (x TEXT)");
  const insert = db.prepare("INSERT INTO t VALUES (?)");
  for (let i = 0; i < 200; i++) insert.run(["x".repeat(5000)]);
});
afterEach(async () => {
  stop();
  db.close();
  await rm(dir, { recursive: true, force: true });
});

describe("the import worker's checkpoints while no import runs", () => {
  test("the WAL is copied into the database, and cut back once it is past the limit", async () => {
    const before = size(path);
    expect(wal()).toBeGreaterThan(LIMIT);
    stop = checkpointWhileIdle(db, `${path}-wal`, new WriteTurns(), () => false);
    expect(await eventually(() => wal() <= LIMIT)).toBe(true);
    expect(size(path)).toBeGreaterThan(before + 900_000);
  });

  test("while an import runs, nothing is checkpointed", async () => {
    const before = { db: size(path), wal: wal() };
    stop = checkpointWhileIdle(db, `${path}-wal`, new WriteTurns(), () => true);
    await Bun.sleep(1500);
    expect({ db: size(path), wal: wal() }).toEqual(before);
  });

  test("a reader still on the WAL: copied, but cut back only once the reader is done", async () => {
    const reader = new Database(path);
    try {
      reader.exec("BEGIN");
      reader.prepare("SELECT count(*) FROM t").get();
      const before = size(path);
      stop = checkpointWhileIdle(db, `${path}-wal`, new WriteTurns(), () => false);
      expect(await eventually(() => size(path) > before)).toBe(true);
      await Bun.sleep(1500);
      expect(wal()).toBeGreaterThan(LIMIT);
      reader.exec("COMMIT");
      expect(await eventually(() => wal() <= LIMIT)).toBe(true);
    } finally {
      reader.close();
    }
  });
});
