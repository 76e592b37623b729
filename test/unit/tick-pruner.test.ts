import { expect, test } from "bun:test";
import { createClient } from "@libsql/client";
import { createLogger } from "../../src/log.ts";
import { migrate } from "../../src/store/migrations.ts";
import { TICK_MIGRATIONS } from "../../src/store/tick-migrations.ts";
import { TickPruner } from "../../src/store/tick-pruner.ts";

test("a failed run is logged with its error and reported until a run succeeds", async () => {
  const db = createClient({ url: ":memory:" });
  const lines: Record<string, unknown>[] = [];
  const log = createLogger("error", (line) => lines.push(JSON.parse(line)));
  const pruner = new TickPruner(db, { setting: "1h", ms: 3_600_000 }, log);

  expect(await pruner.prune()).toMatchObject({ deleted: 0, batches: 0 });
  expect(lines).toEqual([
    expect.objectContaining({
      message: "ticks not pruned, the next run retries",
      error: expect.objectContaining({
        message: expect.stringContaining("no such table: ticks"),
        stack: expect.any(String),
      }),
    }),
  ]);
  await migrate(db, TICK_MIGRATIONS);
  expect((await pruner.report()).lastError).toContain("no such table: ticks");

  await pruner.prune();
  expect(await pruner.report()).toMatchObject({ retention: "1h", oldestTick: null, lastError: null });
  await pruner.stop();
  db.close();
});

test("a retention of 0 keeps every tick: a run does nothing", async () => {
  const db = createClient({ url: ":memory:" });
  await migrate(db, TICK_MIGRATIONS);
  await db.execute("INSERT INTO ticks VALUES (1, 'AAPL', 1, 1, 1, 0, 0, 0), (2, 'AAPL', 2, 1, 1, 0, 0, 0)");
  const pruner = new TickPruner(db, { setting: "0", ms: 0 }, createLogger("silent"));
  pruner.start();
  expect(await pruner.prune()).toMatchObject({ deleted: 0, batches: 0 });
  expect(await pruner.report()).toMatchObject({ retention: "0", lastRun: null, oldestTick: { id: 1, ts: 0 } });
  await pruner.stop();
  db.close();
});
