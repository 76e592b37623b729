import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import type { Client } from "@libsql/client";
import { beginTerm, CLUSTER_MIGRATIONS, fenceOf, isFenced } from "../../src/cluster/engine-term.ts";
import type { Tick } from "../../src/engine/tick.ts";
import { createLogger } from "../../src/log.ts";
import { openDatabase } from "../../src/store/database.ts";
import { TICK_MIGRATIONS } from "../../src/store/tick-migrations.ts";
import { TickStore } from "../../src/store/tick-store.ts";
import { TickWriter } from "../../src/store/tick-writer.ts";
import { tempDir } from "../support/test-runtime.ts";
import { tickOf } from "../support/ticks.ts";

const temp = tempDir();
let db: Client;
beforeAll(async () => {
  db = await openDatabase(`file:${join(temp.dir, "t.db")}`, [...TICK_MIGRATIONS, ...CLUSTER_MIGRATIONS]);
});
afterAll(() => {
  db.close();
  temp.remove();
});

/** A node's writer, recording what it published. */
function writerOf() {
  const published: Tick[] = [];
  const writer = new TickWriter(
    db,
    { batchSize: 100, maxBacklog: 1000, onCommitted: (ticks) => published.push(...ticks) },
    createLogger("silent"),
  );
  return { writer, published };
}

describe("the engine's term fences a former engine's writes", () => {
  test("each new engine gets the next term", async () => {
    const first = await beginTerm(db, "node-a");
    expect(await beginTerm(db, "node-b")).toBe(first + 1);
  });

  test("once another node began its term, the former engine's ticks are neither committed nor published", async () => {
    const a = writerOf();
    const b = writerOf();
    const termA = await beginTerm(db, "node-a");
    a.writer.fence({ statement: fenceOf(termA), refuses: isFenced });
    a.writer.add(tickOf(1, "AAPL", 100));
    await a.writer.flush();

    const termB = await beginTerm(db, "node-b");
    b.writer.fence({ statement: fenceOf(termB), refuses: isFenced });
    // node-a, paused through the election, writes on with the ids it had: refused as a whole.
    a.writer.add(tickOf(2, "AAPL", 999));
    a.writer.add(tickOf(3, "AAPL", 998));
    await a.writer.flush();
    b.writer.add(tickOf(2, "AAPL", 101));
    await b.writer.flush();

    expect(a.published.map((t) => [t.id, t.price])).toEqual([[1, 100]]);
    expect(a.writer.health.pending).toBe(0);
    expect(b.published.map((t) => [t.id, t.price])).toEqual([[2, 101]]);
    const stored = await new TickStore(db).after(0, 10);
    expect(stored.map((t) => [t.id, t.price])).toEqual([
      [1, 100],
      [2, 101],
    ]);
  });

  test("another failure is not taken for a fence: the batch is retried", () => {
    expect(isFenced(new Error("SQLITE_BUSY: database is locked"))).toBe(false);
  });
});
