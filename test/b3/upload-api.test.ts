import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { eventually } from "../support/sse-reader.ts";
import { type B3Runtime, DEMO, finished, importFile, PETR4_DEMO_DAY, startB3Runtime, upload } from "./support.ts";

let rt: B3Runtime;
beforeAll(async () => {
  rt = await startB3Runtime({ MAX_UPLOAD_MB: "1" });
});
afterAll(() => rt.close());

const uploadsOnDisk = () => readdir(join(rt.dataDir, "uploads"));

describe("POST /api/quotes/upload", () => {
  test("the official demo file is accepted at once (202, queued, Location), then imported in the background", async () => {
    const res = await upload(rt, "COTAHIST_DEMO_12022003.TXT", Bun.file(DEMO));
    expect(res.status).toBe(202);
    const accepted = (await res.json()) as Record<string, unknown> & { id: number };
    expect(accepted).toEqual({
      id: accepted.id,
      fileName: "COTAHIST_DEMO_12022003.TXT",
      format: "cotahist",
      bytes: 136_591,
      status: "queued",
    });
    expect(res.headers.get("location")).toBe(`/api/imports/${accepted.id}`);

    const status = await finished(rt, accepted.id);
    expect(status).toMatchObject({
      status: "done",
      format: "cotahist",
      linesRead: 553,
      rowsInserted: 551,
      rowsDuplicate: 0,
      rowsRejected: 0,
      errors: [],
      failure: null,
      progress: 1,
    });
    expect(status.startedAt).toBeGreaterThanOrEqual(status.createdAt);
    expect(status.finishedAt).toBeGreaterThanOrEqual(status.startedAt!);
    expect(status.rate).toBeGreaterThan(0);
    expect(status.tickers).toContain("PETR4");
  });

  test("PETR4 on the cash market: open 46.70, high 47.10, low 45.90, close 46.85, 796 trades, 1,291,300 shares", async () => {
    const body = (await (await rt.get("/api/quotes/PETR4")).json()) as { daily: Record<string, unknown>[] };
    const cash = body.daily.filter((q) => q.market === 10);
    expect(cash).toHaveLength(1);
    expect(cash[0]).toMatchObject({ date: "2003-02-12", ...PETR4_DEMO_DAY });
  });

  test("importing the same file again inserts nothing and counts every row as already present", async () => {
    const again = await importFile(rt, "copy.txt", Bun.file(DEMO));
    expect(again).toMatchObject({ status: "done", rowsInserted: 0, rowsDuplicate: 551 });
    expect(((await (await rt.get("/api/quotes/PETR4")).json()) as { daily: unknown[] }).daily).toHaveLength(1);
  });

  test("a file name is only a label: a path in it is dropped, and the stored upload is removed once imported", async () => {
    const traversal = await importFile(rt, "../../etc/passwd", Bun.file(DEMO));
    expect(traversal.fileName).toBe("passwd");
    await eventually(async () => (await uploadsOnDisk()).length === 0); // removed right after the import is marked done
  });

  test("over MAX_UPLOAD_MB: 413 naming the cap, no file kept, no import recorded", async () => {
    const before = ((await (await rt.get("/api/imports")).json()) as { imports: unknown[] }).imports.length;
    const res = await upload(rt, "big.TXT", new Uint8Array(1024 * 1024 + 1));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      error: {
        code: "upload_too_large",
        message: "file: the upload is larger than 1 MB (MAX_UPLOAD_MB); nothing was kept",
      },
    });
    expect(await uploadsOnDisk()).toEqual([]);
    expect(((await (await rt.get("/api/imports")).json()) as { imports: unknown[] }).imports).toHaveLength(before);
  });

  test("a Content-Length far over the cap is refused before the body is read", async () => {
    const res = await rt.get("/api/quotes/upload", {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data; boundary=x", "Content-Length": String(50 * 1024 * 1024) },
      body: "--x--\r\n",
    });
    expect(res.status).toBe(413);
  });

  test("no file field → 400; not multipart → 415; both say what to send", async () => {
    const form = new FormData();
    form.set("other", "x");
    const noFile = await rt.get("/api/quotes/upload", { method: "POST", body: form });
    expect(noFile.status).toBe(400);
    expect(await noFile.json()).toEqual({
      error: { code: "missing_file", message: "file: choose a file to upload (a multipart field named file)" },
    });
    const json = await rt.get("/api/quotes/upload", {
      method: "POST",
      body: "{}",
      headers: { "Content-Type": "application/json" },
    });
    expect(json.status).toBe(415);
    expect(((await json.json()) as { error: { message: string } }).error.message).toBe(
      "Send the file as multipart/form-data, in a field named file",
    );
  });

  test("a body that is not the multipart it says it is: 400 saying why, nothing kept", async () => {
    const res = await rt.get("/api/quotes/upload", {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data; boundary=x" },
      body: "no boundary here",
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: { code: "bad_upload", message: "file: the upload could not be read (the body has no multipart boundary)" },
    });
    expect(await uploadsOnDisk()).toEqual([]);
  });

  test("GET /api/imports/:id: 404 for an unknown import, 400 for a malformed id", async () => {
    expect((await rt.get("/api/imports/999999")).status).toBe(404);
    const bad = await rt.get("/api/imports/abc");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toBe(
      "id: must be an import id (a whole number)",
    );
  });
});
