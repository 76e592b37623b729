import { afterAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { writeCotahist } from "../../scripts/generate-b3/cotahist.ts";
import type { ImportStatus } from "../../src/b3/import-status.ts";
import { type ServerProcess, spawnServer } from "../support/server-process.ts";
import { importFile, startB3Runtime } from "./support.ts";

setDefaultTimeout(90_000);
const RECORDS = 150_000;
const dir = await mkdtemp(join(tmpdir(), "tickertape-crash-"));
const file = join(dir, "COTAHIST_A2024.TXT");
afterAll(() => rm(dir, { recursive: true, force: true }));

/** What the quotes table holds, summed up: equal sums mean the same rows. */
async function tableDigest(databaseUrl: string) {
  const db = createClient({ url: databaseUrl });
  try {
    const { rows } = await db.execute(
      "SELECT COUNT(*) AS n, SUM(quantity) AS q, ROUND(SUM(volume), 2) AS v, COUNT(DISTINCT ticker) AS t FROM quotes",
    );
    return {
      rows: Number(rows[0]?.n),
      quantity: Number(rows[0]?.q),
      volume: Number(rows[0]?.v),
      tickers: Number(rows[0]?.t),
    };
  } finally {
    db.close();
  }
}

const statusOf = async (server: ServerProcess, id: number) =>
  (await (await fetch(new URL(`/api/imports/${id}`, server.url))).json()) as ImportStatus;

describe("a process killed in the middle of an import", () => {
  test("is resumed at the next start and ends with the same rows as an uninterrupted import", async () => {
    await writeCotahist(file, { records: RECORDS, perDay: 5000 });
    const env = {
      DATABASE_URL: `file:${join(dir, "crash.db")}`,
      DATA_DIR: join(dir, "data"),
      SYMBOLS: "AAPL",
      LOG_LEVEL: "info",
    };

    const first = await spawnServer(env);
    const form = new FormData();
    form.set("file", Bun.file(file), "COTAHIST_A2024.TXT");
    const { id } = (await (
      await fetch(new URL("/api/quotes/upload", first.url), { method: "POST", body: form })
    ).json()) as { id: number };
    let seen = await statusOf(first, id);
    while (seen.linesRead === 0) seen = await statusOf(first, id);
    first.proc.kill("SIGKILL");
    await first.proc.exited;
    expect(seen).toMatchObject({ status: "running" });
    expect(seen.linesRead).toBeLessThan(RECORDS + 2);

    const second = await spawnServer(env);
    let status = await statusOf(second, id);
    while (status.status === "running" || status.status === "queued") status = await statusOf(second, id);
    const resumed = second.logs.find((entry) => entry.message === "resuming import");
    expect(await second.terminate()).toBe(0);

    expect(resumed).toMatchObject({ id });
    expect(Number(resumed?.linesRead)).toBeGreaterThan(0);
    expect(status).toMatchObject({
      status: "done",
      linesRead: RECORDS + 2,
      rowsInserted: RECORDS,
      rowsDuplicate: 0,
      rowsRejected: 0,
    });
    expect(await readdir(join(dir, "data", "uploads"))).toEqual([]);

    const clean = await startB3Runtime();
    try {
      expect(await importFile(clean, "COTAHIST_A2024.TXT", Bun.file(file))).toMatchObject({
        status: "done",
        rowsInserted: RECORDS,
      });
      expect(await tableDigest(env.DATABASE_URL)).toEqual(await tableDigest(clean.databaseUrl));
    } finally {
      await clean.close();
    }
  });
});
