import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Client, createClient } from "@libsql/client";
import { takingTurns, WriteTurns } from "../../src/store/write-turns.ts";

let dir: string;
let turns: WriteTurns;
let app: Client;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "write-turns-"));
  turns = new WriteTurns();
  app = takingTurns(createClient({ url: `file:${join(dir, "t.db")}` }), (write) => turns.app(write));
  await app.execute("CREATE TABLE t (x INTEGER)");
});
afterEach(async () => {
  app.close();
  await rm(dir, { recursive: true, force: true });
});

const rows = async () => Number((await app.execute("SELECT count(*) AS n FROM t")).rows[0]?.n);

/** A turn taken by `take` and held until `release()`; `entered` resolves once it is taken. */
function holdTurn(take: (write: () => Promise<void>) => Promise<void>) {
  let release = () => {};
  let entered = false;
  const done = take(
    () =>
      new Promise<void>((resolve) => {
        entered = true;
        release = resolve;
      }),
  );
  return { release: () => release(), isEntered: () => entered, done };
}

describe("the app and the import take turns at the write lock", () => {
  test("an app write waits while an import writes, then goes; the event loop runs meanwhile", async () => {
    const importing = holdTurn((write) => turns.import(write));
    const write = app.execute("INSERT INTO t VALUES (1)");
    await Bun.sleep(30);
    expect(await rows()).toBe(0);
    importing.release();
    await write;
    expect(await rows()).toBe(1);
  });

  test("an import waits while an app write runs or waits", async () => {
    const writing = holdTurn((write) => turns.app(write));
    const importing = holdTurn((write) => turns.import(write));
    await Bun.sleep(30);
    expect(importing.isEntered()).toBe(false);
    writing.release();
    await writing.done;
    await Bun.sleep(30);
    expect(importing.isEntered()).toBe(true);
    importing.release();
    await importing.done;
  });

  test("reads do not wait for an import's turn, nor do SELECT batches", async () => {
    const importing = holdTurn((write) => turns.import(write));
    expect(await rows()).toBe(0);
    expect(await app.batch(["SELECT 1", "SELECT 2"], "read")).toHaveLength(2);
    importing.release();
    await importing.done;
  });

  test("the turns are shared with another thread: a worker's import turn holds the app's write", async () => {
    const worker = new Worker(new URL("../fixtures/import-turn-worker.ts", import.meta.url).href);
    try {
      const entered = new Promise((resolve) => worker.addEventListener("message", resolve, { once: true }));
      worker.postMessage(turns.shared);
      await entered;
      const write = app.execute("INSERT INTO t VALUES (1)");
      await Bun.sleep(30);
      expect(await rows()).toBe(0);
      worker.postMessage("release");
      await write;
      expect(await rows()).toBe(1);
    } finally {
      worker.terminate();
    }
  });

  test("an import worker that is gone, whatever turn it held, no longer holds the app", async () => {
    holdTurn((write) => turns.import(write));
    turns.importerGone();
    await app.execute("INSERT INTO t VALUES (1)");
    expect(await rows()).toBe(1);
  });
});
