/**
 * The two ceilings of the `import` section, measured in the bench's own process on the same file: reading
 * and parsing it (nothing written), and the plain prepared multi-row INSERT of the same rows into a table
 * with the `quotes` columns and no index (only the INSERTs timed), on a WAL file with `synchronous=NORMAL`.
 */
import { join } from "node:path";
import Database from "libsql";
import { CotahistParser } from "../../src/b3/cotahist.ts";
import type { DailyQuote } from "../../src/b3/daily-quote.ts";
import { dailyQuoteValues } from "../../src/b3/daily-quote-insert.ts";
import { openSources } from "../../src/b3/sources.ts";

/** Rows per INSERT and per transaction of the insert ceiling (the best of a few sizes tried). */
const ROWS_PER_INSERT = 100;
const ROWS_PER_TRANSACTION = 5000;
const COLUMNS = 26;
const NO_LIMIT = Number.MAX_SAFE_INTEGER;

/** Every daily quote of the COTAHIST file at `path`, `size` at a time (the last group may be shorter). */
async function* quoteGroups(path: string, size: number): AsyncGenerator<DailyQuote[]> {
  let group: DailyQuote[] = [];
  for await (const source of openSources(path, "bench.txt", () => {}, NO_LIMIT)) {
    const parser = new CotahistParser(source.name);
    let line = 0;
    for await (const lines of source.lines)
      for (const text of lines) {
        const parsed = parser.line(text, ++line);
        if (parsed?.kind !== "dailyQuote") continue;
        group.push(parsed.dailyQuote);
        if (group.length === size) {
          yield group;
          group = [];
        }
      }
    parser.finish();
  }
  if (group.length > 0) yield group;
}

/** Records and seconds of reading and parsing the whole file. */
export async function parseCeiling(path: string): Promise<{ records: number; seconds: number }> {
  const started = performance.now();
  let records = 0;
  for await (const group of quoteGroups(path, ROWS_PER_TRANSACTION)) records += group.length;
  return { records, seconds: (performance.now() - started) / 1000 };
}

const valuesOf = (q: DailyQuote) => dailyQuoteValues(q, 0);

/** Records and seconds spent in the INSERTs (and their commits) of the whole file into an unindexed table in `dir`. */
export async function insertCeiling(path: string, dir: string): Promise<{ records: number; seconds: number }> {
  const db = new Database(join(dir, "ceiling.db"));
  db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -16384");
  db.exec(`CREATE TABLE plain (${Array.from({ length: COLUMNS }, (_, i) => `c${i}`).join(", ")})`);
  const row = `(${Array(COLUMNS).fill("?").join(", ")})`;
  const statementOf = (rows: number) => db.prepare(`INSERT INTO plain VALUES ${Array(rows).fill(row).join(", ")}`);
  const full = statementOf(ROWS_PER_INSERT);
  let records = 0;
  let spent = 0;
  try {
    for await (const group of quoteGroups(path, ROWS_PER_TRANSACTION)) {
      const started = performance.now();
      db.exec("BEGIN");
      for (let at = 0; at < group.length; at += ROWS_PER_INSERT) {
        const rows = group.slice(at, at + ROWS_PER_INSERT);
        const statement = rows.length === ROWS_PER_INSERT ? full : statementOf(rows.length);
        statement.run(rows.flatMap(valuesOf));
      }
      db.exec("COMMIT");
      spent += performance.now() - started;
      records += group.length;
    }
  } finally {
    db.close();
  }
  return { records, seconds: spent / 1000 };
}
