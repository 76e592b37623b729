import { afterAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ImportStatus } from "../../src/b3/import-status.ts";
import { loadConfig } from "../../src/config.ts";
import { createLogger } from "../../src/log.ts";
import { type RunningServer, startServer } from "../../src/server.ts";
import { DEMO } from "./support.ts";

setDefaultTimeout(30_000);
const dir = await mkdtemp(join(tmpdir(), "tickertape-upload-socket-"));
const servers: RunningServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.stop();
  await rm(dir, { recursive: true, force: true });
});

/** A real server (Bun.serve, its limits and idle timeout included) with its own database and uploads. */
async function serve(name: string, env: Record<string, string>): Promise<{ url: string; uploads: string }> {
  const dataDir = join(dir, name);
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    DATABASE_URL: `file:${join(dir, `${name}.db`)}`,
    DATA_DIR: dataDir,
    SYMBOLS: "AAPL",
    LOG_LEVEL: "silent",
    ...env,
  });
  const server = await startServer(config, createLogger("silent"));
  servers.push(server);
  return { url: server.url, uploads: join(dataDir, "uploads") };
}

/** `content` as the multipart field `file`: the body's bytes and its Content-Type. */
async function multipart(name: string, content: Blob): Promise<{ bytes: Uint8Array; type: string }> {
  const form = new FormData();
  form.set("file", content, name);
  const request = new Request("http://localhost/", { method: "POST", body: form });
  const type = request.headers.get("content-type") ?? "";
  return { bytes: new Uint8Array(await request.arrayBuffer()), type };
}

/**
 * Send an HTTP/1.1 request over a plain socket, piece by piece (a number is a pause in ms), and
 * answer everything the server sent back until it closed the connection.
 */
async function exchange(url: string, pieces: (Uint8Array | string | number)[]): Promise<string> {
  const socket = connect(Number(new URL(url).port), "127.0.0.1");
  const received: Buffer[] = [];
  const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
  socket.on("data", (data: Buffer) => received.push(data));
  socket.on("error", () => {});
  await new Promise((resolve) => socket.once("connect", resolve));
  for (const piece of pieces) {
    if (typeof piece === "number") await Bun.sleep(piece);
    else if (!socket.destroyed) socket.write(piece);
  }
  await closed;
  return Buffer.concat(received).toString("utf8");
}

const head = (path: string, type: string, length: number) =>
  `POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: ${type}\r\nContent-Length: ${length}\r\n` +
  "Connection: close\r\n\r\n";
const bodyOf = (response: string) => response.slice(response.indexOf("\r\n\r\n") + 4);

async function finished(url: string, id: number): Promise<ImportStatus> {
  for (;;) {
    const status = (await (await fetch(new URL(`/api/imports/${id}`, url))).json()) as ImportStatus;
    if (status.status === "done" || status.status === "failed") return status;
    await Bun.sleep(10);
  }
}

describe("uploads over a real socket", () => {
  test("over MAX_UPLOAD_MB, even past Bun's own body limit: the JSON error, or /quotes saying so", async () => {
    const { url, uploads } = await serve("cap", { MAX_UPLOAD_MB: "1" });
    const big = new Blob([new Uint8Array(3 * 1024 * 1024)]);
    const form = new FormData();
    form.set("file", big, "big.TXT");
    const api = await fetch(new URL("/api/quotes/upload", url), { method: "POST", body: form });
    expect(api.status).toBe(413);
    expect(api.headers.get("connection")).toBe("close");
    expect(await api.json()).toEqual({
      error: {
        code: "upload_too_large",
        message: "file: the upload is larger than 1 MB (MAX_UPLOAD_MB); nothing was kept",
      },
    });

    const page = await fetch(new URL("/quotes/upload", url), { method: "POST", body: form });
    expect(page.status).toBe(413);
    expect(await page.text()).toContain(
      '<p id="upload-error" class="form-error" role="alert">' +
        "the upload is larger than 1 MB (MAX_UPLOAD_MB); nothing was kept</p>",
    );
    expect(await readdir(uploads)).toEqual([]);
  });

  test("over MAX_UPLOAD_MB without a Content-Length (chunked): the cap is counted as the bytes arrive", async () => {
    const { url, uploads } = await serve("chunked", { MAX_UPLOAD_MB: "1" });
    const { bytes, type } = await multipart("big.TXT", new Blob([new Uint8Array(3 * 1024 * 1024)]));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += 64 * 1024) controller.enqueue(bytes.slice(at, at + 64 * 1024));
        controller.close();
      },
    });
    const res = await fetch(new URL("/api/quotes/upload", url), {
      method: "POST",
      body,
      headers: { "Content-Type": type },
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("upload_too_large");
    expect(await readdir(uploads)).toEqual([]);
  });

  test("an upload still sending after 14 s (past Bun's idle timeout) is accepted and imported", async () => {
    const { url } = await serve("slow", {});
    const { bytes, type } = await multipart("COTAHIST_DEMO_12022003.TXT", Bun.file(DEMO));
    // 1 KB every half second for 14 s, then the rest.
    const trickle = Array.from({ length: 28 }, (_, i) => [bytes.subarray(i * 1024, (i + 1) * 1024), 500]).flat();
    const response = await exchange(url, [
      head("/api/quotes/upload", type, bytes.length),
      ...trickle,
      bytes.subarray(28 * 1024),
    ]);
    expect(response).toStartWith("HTTP/1.1 202");
    const { id } = JSON.parse(bodyOf(response)) as { id: number };
    expect(await finished(url, id)).toMatchObject({ status: "done", rowsInserted: 551 });
  });

  test("an upload that stops sending is answered 408 after UPLOAD_IDLE_TIMEOUT_MS, and nothing is kept", async () => {
    const { url, uploads } = await serve("stalled", { UPLOAD_IDLE_TIMEOUT_MS: "1000" });
    const { bytes, type } = await multipart("COTAHIST_DEMO_12022003.TXT", Bun.file(DEMO));
    const response = await exchange(url, [head("/api/quotes/upload", type, bytes.length), bytes.subarray(0, 4096)]);
    expect(response).toStartWith("HTTP/1.1 408");
    expect(JSON.parse(bodyOf(response))).toEqual({
      error: {
        code: "upload_stalled",
        message: "file: nothing arrived for 1 s (UPLOAD_IDLE_TIMEOUT_MS); nothing was kept",
      },
    });
    expect(await readdir(uploads)).toEqual([]);
    expect(((await (await fetch(new URL("/api/imports", url))).json()) as { imports: unknown[] }).imports).toEqual([]);
  });
});
