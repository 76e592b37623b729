/**
 * Section 7 (`import`): a generated 2,000,000-record COTAHIST year imported by the real server (its own
 * process), as B3 ships it (each day in key order), shuffled within each day, and again onto the first
 * (every record a duplicate): records/s next to two ceilings measured in the same run on the same file
 * (parse only, and the plain prepared INSERT into an unindexed table), the server's peak RSS, when the
 * first rows could be read, and `/api/prices` latencies while it imports.
 */
import { join } from "node:path";
import { insertCeiling, parseCeiling } from "./import-ceilings.ts";
import { type ImportRun, importOnServer } from "./import-run.ts";
import { megabytes, millis, printTable, times, whole } from "./report.ts";
import { writeResults } from "./results.ts";
import { withTempDir } from "./temp-dir.ts";

const RECORDS = 2_000_000;
const GENERATE = join(import.meta.dir, "../generate-b3.ts");

async function generate(out: string, shuffle: boolean): Promise<void> {
  const args = ["cotahist", "--out", out, "--records", String(RECORDS), ...(shuffle ? ["--shuffle"] : [])];
  const proc = Bun.spawn([process.execPath, GENERATE, ...args], { stdout: "ignore", stderr: "inherit" });
  if ((await proc.exited) !== 0) throw new Error(`generate-b3 ${args.join(" ")} failed`);
}

const percentile = (sorted: number[], p: number): number | undefined =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];

/**
 * Generate the files, measure the ceilings and the three imports; print the table, write the JSON.
 * @example await benchImport(); // `bun run bench import`
 */
export async function benchImport(): Promise<void> {
  const results = await withTempDir(async (dir) => {
    const sorted = join(dir, "sorted.txt");
    const shuffled = join(dir, "shuffled.txt");
    await generate(sorted, false);
    await generate(shuffled, true);
    const parse = await parseCeiling(sorted);
    const insert = await insertCeiling(sorted, dir);
    const first = join(dir, "first");
    const runs: Record<string, ImportRun> = {};
    runs["sorted, empty table"] = await importOnServer(first, sorted);
    runs["shuffled, empty table"] = await importOnServer(join(dir, "second"), shuffled);
    runs["sorted again, every record a duplicate"] = await importOnServer(first, sorted);
    return { records: RECORDS, parse, insert, runs };
  });
  const parseRate = results.parse.records / results.parse.seconds;
  const insertRate = results.insert.records / results.insert.seconds;
  printTable(
    `7. B3 import — ${whole(RECORDS)} COTAHIST records by the real server (its own process, restarted for each)`,
    [
      "import",
      "records/s",
      "× parse only",
      "× insert ceiling",
      "peak RSS",
      "first rows",
      "/api/prices p50",
      "p99",
      "max",
    ],
    Object.entries(results.runs).map(([name, run]) => {
      const rate = run.records / run.seconds;
      return [
        name,
        whole(rate),
        times(rate, parseRate),
        times(rate, insertRate),
        megabytes(run.peakRss),
        run.firstRowsMs === undefined ? "–" : `${whole(run.firstRowsMs)} ms`,
        millis(percentile(run.pricesMs, 50)),
        millis(percentile(run.pricesMs, 99)),
        millis(run.pricesMs.at(-1)),
      ];
    }),
    [
      `ceiling, parse only (read and parse, nothing written): ${whole(parseRate)} records/s`,
      `ceiling, plain prepared INSERT of the same rows into an unindexed table (INSERTs timed): ${whole(insertRate)} records/s`,
      "records/s from the import's start to its end as the server recorded them (the upload before is not counted)",
      "first rows: from the import's start until /api/quotes answered one of its rows; /api/prices asked one at a time, at most 100 a second",
    ],
  );
  const runs = Object.fromEntries(
    Object.entries(results.runs).map(([name, { pricesMs, ...run }]) => [
      name,
      {
        ...run,
        rate: run.records / run.seconds,
        pricesP50: percentile(pricesMs, 50),
        pricesP99: percentile(pricesMs, 99),
        pricesMax: pricesMs.at(-1),
      },
    ]),
  );
  console.log(`\n  results: ${await writeResults("import", { ...results, parseRate, insertRate, runs })}`);
}
