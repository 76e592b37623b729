/**
 * Section 6 (`export`): the real server (its own process) exports 1,000,000 ticks of one symbol as CSV and
 * NDJSON: rows/s, and its peak RSS (the kernel's VmHWM) next to its idle RSS, to show the export streams
 * with flat memory; and its RSS while a client that reads nothing holds an export open (backpressure).
 */
import { createClient } from "@libsql/client";
import { peakRssBytes, rssBytes } from "./proc-usage.ts";
import { megabytes, printTable, whole } from "./report.ts";
import { writeResults } from "./results.ts";
import { serverEnv, startServerProcess } from "./server-process.ts";
import { type Service, withService } from "./service.ts";
import { withTempDir } from "./temp-dir.ts";

const TICKS = 1_000_000;
const SYMBOL = "AAPL";
const ENV = { SYMBOLS: SYMBOL };
const ROWS_PER_INSERT = 1000;
const INSERTS_PER_TRANSACTION = 50;
/** How long the client that reads nothing keeps its export open. */
const PAUSE_MS = 3000;
const NEWLINE = 0x0a;
const INSERT = "INSERT INTO ticks (id, symbol, seq, price, prev_price, change, change_percent, ts) VALUES";

/**
 * `count` ticks of SYMBOL after those the server stored, written straight into its `ticks` table (the
 * server stopped): a history the engine resumes from, as after a long run. Its candles are left as they were.
 */
async function storeTicks(databaseUrl: string, count: number): Promise<void> {
  const db = createClient({ url: databaseUrl });
  try {
    const last = await db.execute({
      sql: "SELECT (SELECT MAX(id) FROM ticks) AS id, (SELECT MAX(seq) FROM ticks WHERE symbol = ?) AS seq",
      args: [SYMBOL],
    });
    const [lastId, lastSeq] = [Number(last.rows[0]?.id ?? 0), Number(last.rows[0]?.seq ?? 0)];
    const startTs = Date.now() - count;
    const values = `(?, '${SYMBOL}', ?, ?, ?, ?, ?, ?)`;
    for (let done = 0; done < count; ) {
      const statements = [];
      for (let s = 0; s < INSERTS_PER_TRANSACTION && done < count; s++) {
        const rows = Math.min(ROWS_PER_INSERT, count - done);
        const args = [];
        for (let i = done + 1; i <= done + rows; i++) {
          const price = 150 + (i % 1000) / 100;
          args.push(lastId + i, lastSeq + i, price, price - 0.01, 0.01, 0.01, startTs + i);
        }
        statements.push({
          sql: `${INSERT} ${Array(rows).fill(values).join(", ")}`,
          args,
        });
        done += rows;
      }
      await db.batch(statements, "write");
    }
  } finally {
    db.close();
  }
}

/** `GET path` read to its end as fast as it comes: its lines, bytes and seconds. */
async function download(url: string, path: string) {
  const started = performance.now();
  const res = await fetch(`${url}${path}`);
  if (!res.ok || !res.body) throw new Error(`GET ${path} answered ${res.status}`);
  let lines = 0;
  let bytes = 0;
  for await (const chunk of res.body) {
    bytes += chunk.byteLength;
    for (let i = chunk.indexOf(NEWLINE); i !== -1; i = chunk.indexOf(NEWLINE, i + 1)) lines++;
  }
  return { lines, bytes, seconds: (performance.now() - started) / 1000 };
}

/** The server's RSS after a client asked for `path` and then read nothing for PAUSE_MS. */
async function rssWithStalledClient(server: Service, path: string): Promise<number> {
  const { hostname, port } = new URL(server.url);
  const socket = await Bun.connect({
    hostname,
    port: Number(port),
    socket: { open: (s) => s.pause(), data() {} },
  });
  socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\n\r\n`);
  await Bun.sleep(PAUSE_MS);
  const rss = rssBytes(server.pid);
  socket.terminate();
  return rss;
}

/**
 * Fill a server's database with TICKS ticks, restart it, then export them; print the table, write the JSON.
 * @example await benchExport(); // `bun run bench export`
 */
export async function benchExport(): Promise<void> {
  const results = await withTempDir(async (dir) => {
    await withService(startServerProcess(dir, ENV), async () => {}); // creates the schema, stores a first tick
    const filling = performance.now();
    await storeTicks(serverEnv(dir).DATABASE_URL as string, TICKS);
    const fillSeconds = (performance.now() - filling) / 1000;
    return withService(startServerProcess(dir, ENV), async (server) => {
      await Bun.sleep(1000);
      const idle = rssBytes(server.pid);
      const startupPeak = peakRssBytes(server.pid);
      const stalled = await rssWithStalledClient(server, `/api/prices/${SYMBOL}/ticks.csv`);
      const csv = await download(server.url, `/api/prices/${SYMBOL}/ticks.csv`);
      const ndjson = await download(server.url, `/api/prices/${SYMBOL}/ticks.ndjson`);
      return { ticks: TICKS, fillSeconds, idle, startupPeak, stalled, csv, ndjson, peak: peakRssBytes(server.pid) };
    });
  });
  const { csv, ndjson } = results;
  const rows = { csv: csv.lines - 1, ndjson: ndjson.lines };
  if (rows.csv < TICKS || rows.ndjson < TICKS)
    throw new Error(`exports were short: ${rows.csv} CSV, ${rows.ndjson} NDJSON rows`);
  const rate = (n: number, s: number) => `${whole(n / s)}/s`;
  printTable(
    `6. Export — ${whole(TICKS)} ticks of ${SYMBOL} from the real server (its own process), read as fast as they come`,
    ["figure", "value"],
    [
      ["CSV rows", whole(rows.csv)],
      ["CSV rows/s", rate(rows.csv, csv.seconds)],
      ["CSV MB/s", `${(csv.bytes / 1024 / 1024 / csv.seconds).toFixed(1)}`],
      ["CSV size", megabytes(csv.bytes)],
      ["NDJSON rows/s", rate(rows.ndjson, ndjson.seconds)],
      ["NDJSON size", megabytes(ndjson.bytes)],
      ["server RSS idle", megabytes(results.idle)],
      [`server RSS, a client reading nothing for ${PAUSE_MS / 1000} s`, megabytes(results.stalled)],
      ["server peak RSS before the exports (VmHWM)", megabytes(results.startupPeak)],
      ["server peak RSS after the exports (VmHWM)", megabytes(results.peak)],
    ],
    [
      `the ticks are written straight into the server's database between two starts (${results.fillSeconds.toFixed(1)} s)`,
      "the server keeps ticking once a second meanwhile; the exports hold every tick stored when they start",
    ],
  );
  console.log(`\n  results: ${await writeResults("export", { ...results, rows })}`);
}
