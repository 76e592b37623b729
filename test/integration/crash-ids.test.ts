import { afterAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import type { Tick } from "../../src/engine/tick.ts";
import { spawnServer } from "../support/server-process.ts";
import { readEvents } from "../support/sse-reader.ts";
import { tempDir } from "../support/test-runtime.ts";

const temp = tempDir();
const databaseUrl = `file:${join(temp.dir, "tickertape.db")}`;
afterAll(temp.remove);

async function storedTicks(ids: number[]): Promise<Map<number, Tick>> {
  const db = createClient({ url: databaseUrl });
  const rows = await db.execute(`SELECT id, symbol, price, seq FROM ticks WHERE id IN (${ids.join(",")})`);
  db.close();
  return new Map(
    rows.rows.map((r) => [
      Number(r.id),
      { id: Number(r.id), symbol: String(r.symbol), price: Number(r.price), seq: Number(r.seq) } as Tick,
    ]),
  );
}

describe("kill -9", () => {
  test("every tick a client saw is in the database as it saw it, so no id is ever issued twice", async () => {
    const env = { DATABASE_URL: databaseUrl, TICK_MS: "10", SYMBOLS: "AAPL,MSFT,TSLA", WRITER_BATCH_SIZE: "10000" };
    const server = await spawnServer(env);
    const seen = (await readEvents(await fetch(`${server.url}api/stream`), 150)).map((e) => JSON.parse(e.data) as Tick);
    server.proc.kill("SIGKILL");
    await server.proc.exited;

    const stored = await storedTicks(seen.map((t) => t.id));
    for (const tick of seen)
      expect(stored.get(tick.id)).toEqual({
        id: tick.id,
        symbol: tick.symbol,
        price: tick.price,
        seq: tick.seq,
      } as Tick);

    const restarted = await spawnServer(env);
    const after = (await readEvents(await fetch(`${restarted.url}api/stream`), 5)).map(
      (e) => JSON.parse(e.data) as Tick,
    );
    expect(await restarted.terminate()).toBe(0);
    expect(after[0]!.id).toBeGreaterThan(seen.at(-1)!.id);
  });
});
