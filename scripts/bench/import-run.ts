/**
 * One import of the `import` section, on the real server in its own process: upload a file, then until the
 * import ends, ask `GET /api/prices` every PRICES_EVERY_MS (one request at a time) and watch for its first rows.
 */
import { peakRssBytes } from "./proc-usage.ts";
import { startServerProcess } from "./server-process.ts";
import { type Service, withService } from "./service.ts";

/** What one import measured. */
export interface ImportRun {
  records: number;
  rowsInserted: number;
  rowsDuplicate: number;
  /** From the import's start to its end, as the server recorded them. */
  seconds: number;
  /** The server's peak RSS (VmHWM) over its life: started for this import alone. */
  peakRss: number;
  /** From the import's start until `/api/quotes` answered a row of it; undefined when it never did during the run. */
  firstRowsMs: number | undefined;
  /** `/api/prices` latencies during the import, sorted. */
  pricesMs: number[];
}

interface Status {
  status: string;
  startedAt: number | null;
  finishedAt: number | null;
  rowsInserted: number;
  rowsDuplicate: number;
  failure: string | null;
}

const statusOf = async (server: Service, id: number) =>
  (await (await fetch(`${server.url}/api/imports/${id}`)).json()) as Status;

async function upload(server: Service, path: string): Promise<number> {
  const form = new FormData();
  form.set("file", Bun.file(path), "COTAHIST_A2024.TXT");
  const res = await fetch(`${server.url}/api/quotes/upload`, { method: "POST", body: form });
  if (res.status !== 202) throw new Error(`the upload answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { id: number }).id;
}

/**
 * How often `/api/prices` is asked during an import: a busy dashboard's pace (100 requests/s), not a
 * load test. Asked without pause, the client took most of a core of the two from the import.
 */
const PRICES_EVERY_MS = 10;

/** `/api/prices` one request at a time, at most every PRICES_EVERY_MS, until `done()`; the latencies. */
async function askPrices(server: Service, done: () => boolean): Promise<number[]> {
  const latencies: number[] = [];
  while (!done()) {
    const started = performance.now();
    const res = await fetch(`${server.url}/api/prices`);
    await res.arrayBuffer();
    const took = performance.now() - started;
    latencies.push(took);
    if (took < PRICES_EVERY_MS) await Bun.sleep(PRICES_EVERY_MS - took);
  }
  return latencies.sort((a, b) => a - b);
}

/** Milliseconds from the upload's answer until `/api/quotes` has a row inserted by import `id`, polled. */
async function watchFirstRows(server: Service, id: number, done: () => boolean): Promise<number | undefined> {
  const started = Date.now();
  while (!done()) {
    const page = (await (await fetch(`${server.url}/api/quotes?limit=1`)).json()) as { quotes: unknown[] };
    const status = await statusOf(server, id);
    if (page.quotes.length > 0 && status.rowsInserted > 0) return Date.now() - (status.startedAt ?? started);
    await Bun.sleep(20);
  }
  return undefined;
}

/**
 * Start the server on the database in `dir`, upload the COTAHIST file at `path`, measure its import, stop it.
 * @example const run = await importOnServer(dir, "/tmp/COTAHIST_A2024.TXT");
 */
export function importOnServer(dir: string, path: string): Promise<ImportRun> {
  return withService(startServerProcess(dir, {}), async (server) => {
    const id = await upload(server, path);
    let final: Status | undefined;
    const done = () => final !== undefined;
    const watching = Promise.all([askPrices(server, done), watchFirstRows(server, id, done)]);
    while (final === undefined) {
      const status = await statusOf(server, id);
      if (status.status === "done" || status.status === "failed") final = status;
      else await Bun.sleep(100);
    }
    const [pricesMs, firstRowsMs] = await watching;
    if (final.status !== "done") throw new Error(`the import failed: ${final.failure}`);
    const seconds = ((final.finishedAt ?? 0) - (final.startedAt ?? 0)) / 1000;
    const records = final.rowsInserted + final.rowsDuplicate;
    const { rowsInserted, rowsDuplicate } = final;
    return { records, rowsInserted, rowsDuplicate, seconds, peakRss: peakRssBytes(server.pid), firstRowsMs, pricesMs };
  });
}
