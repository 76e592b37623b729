import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ImportStatus } from "../../src/b3/import-status.ts";
import { type ConfiguredRuntime, startConfiguredRuntime } from "../support/test-runtime.ts";

export const FIXTURES = join(import.meta.dir, "../fixtures/b3");
export const DEMO = join(FIXTURES, "COTAHIST_DEMO_12022003.TXT");
export const TRADES = join(FIXTURES, "29-04-2025_NEGOCIOSAVISTA.txt");
export const TRADES_ZIP = join(FIXTURES, "29-04-2025_NEGOCIOSAVISTA.txt.zip");
export const TRADES_TRUNCATED = join(FIXTURES, "NEGOCIOSAVISTA_invalid.txt");

export type B3Runtime = ConfiguredRuntime & {
  dataDir: string;
  /** Stop the runtime and remove its database and uploads. */
  close(): Promise<void>;
};

/** The whole runtime on a real libSQL file in a temp dir, uploads stored in another. */
export async function startB3Runtime(env: Record<string, string> = {}): Promise<B3Runtime> {
  const dataDir = join(tmpdir(), `tickertape-b3-${crypto.randomUUID()}`);
  const rt = await startConfiguredRuntime({ DATA_DIR: dataDir, ...env });
  return {
    ...rt,
    dataDir,
    async close() {
      await rt.stop();
      await rm(rt.dir, { recursive: true, force: true });
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** `POST /api/quotes/upload` of `content` as the multipart field `file` named `name`. */
export function upload(
  rt: ConfiguredRuntime,
  name: string,
  content: Blob | Uint8Array | string,
  path = "/api/quotes/upload",
  headers: Record<string, string> = {},
) {
  const form = new FormData();
  form.set(
    "file",
    content instanceof Blob ? content : new Blob([typeof content === "string" ? content : new Uint8Array(content)]),
    name,
  );
  return rt.get(path, { method: "POST", body: form, headers });
}

/** Wait (bounded by the test timeout) until the import is done or failed; its final status. */
export async function finished(rt: ConfiguredRuntime, id: number): Promise<ImportStatus> {
  for (;;) {
    const status = (await (await rt.get(`/api/imports/${id}`)).json()) as ImportStatus;
    if (status.status === "done" || status.status === "failed") return status;
    await Bun.sleep(5);
  }
}

/** Upload, wait for the import to end, answer its final status. */
export async function importFile(
  rt: ConfiguredRuntime,
  name: string,
  content: Blob | Uint8Array | string,
): Promise<ImportStatus> {
  const res = await upload(rt, name, content);
  if (res.status !== 202) throw new Error(`upload of ${name} answered ${res.status}: ${await res.text()}`);
  return finished(rt, ((await res.json()) as { id: number }).id);
}

/** `text` as ISO-8859-1 bytes (what B3's COTAHIST files are). */
export const latin1 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, "latin1"));

/** How many rows a table holds, through the API's pagination (no direct database access). */
export async function countQuotes(rt: ConfiguredRuntime, query = ""): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const page = (await (
      await rt.get(`/api/quotes?limit=1000${query}${cursor ? `&cursor=${cursor}` : ""}`)
    ).json()) as { quotes: unknown[]; nextCursor: string | null };
    count += page.quotes.length;
    cursor = page.nextCursor;
  } while (cursor);
  return count;
}

/** PETR4's cash-market day in B3's official demo file (2003-02-12), as B3 published it. */
export const PETR4_DEMO_DAY = {
  open: 46.7,
  high: 47.1,
  low: 45.9,
  close: 46.85,
  average: 46.62,
  trades: 796,
  quantity: 1_291_300,
  volume: 60_205_887,
};
