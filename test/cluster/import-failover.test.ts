import { describe, expect, setDefaultTimeout, test } from "bun:test";
import { join } from "node:path";
import { writeCotahist } from "../../scripts/generate-b3/cotahist.ts";
import type { ImportStatus } from "../../src/b3/import-status.ts";
import { useCluster, waitFor } from "../support/cluster.ts";

setDefaultTimeout(120_000);
const RECORDS = 60_000;
const cluster = useCluster({ nodes: ["node-a", "node-b"], env: { SYMBOLS: "AAPL", ENGINE_LEASE_MS: "1000" } });

const statusOn = async (node: string, id: number) =>
  (await (await fetch(`${cluster.node(node).url}api/imports/${id}`)).json()) as ImportStatus;

async function upload(node: string, path: string): Promise<number> {
  const form = new FormData();
  form.set("file", Bun.file(path), "COTAHIST_A2024.TXT");
  const res = await fetch(`${cluster.node(node).url}api/quotes/upload`, { method: "POST", body: form });
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: number }).id;
}

describe("an import on a node that dies", () => {
  test("is claimed by another node and resumed there, to the same final counts; both nodes follow it", async () => {
    const file = join(cluster.dir, "COTAHIST_A2024.TXT");
    await writeCotahist(file, { records: RECORDS, perDay: 5000 });
    const id = await upload("node-a", file);
    const seen = await waitFor("node-a importing", async () => {
      const status = await statusOn("node-a", id);
      return status.linesRead > 0 ? status : undefined;
    });
    await cluster.killNode("node-a");
    expect(seen.status).toBe("running");

    const done = await waitFor(
      "node-b to finish it",
      async () => {
        const status = await statusOn("node-b", id);
        return status.status === "done" || status.status === "failed" ? status : undefined;
      },
      90_000,
    );
    expect(done).toMatchObject({
      status: "done",
      linesRead: RECORDS + 2,
      rowsInserted: RECORDS,
      rowsDuplicate: 0,
      rowsRejected: 0,
    });
  });

  test("an upload to one node shows on the other's imports page as it runs", async () => {
    await cluster.startNode("node-a");
    const file = join(cluster.dir, "COTAHIST_A2025.TXT");
    await writeCotahist(file, { records: 2_000, perDay: 500 });
    const page = await fetch(`${cluster.node("node-b").url}quotes/stream`);
    const reader = page.body!.pipeThrough(new TextDecoderStream()).getReader();
    const id = await upload("node-a", file);
    let seen = "";
    while (!seen.includes(`import-${id}`)) seen += (await reader.read()).value ?? "";
    await reader.cancel();
    expect(seen).toContain(`import-${id}`);
  });
});
