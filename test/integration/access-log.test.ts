import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { loadConfig } from "../../src/config.ts";
import { createLogger } from "../../src/log.ts";
import { createRuntime, type Runtime } from "../../src/runtime.ts";
import { ManualSource } from "../support/manual-source.ts";
import { tempDir } from "../support/test-runtime.ts";

interface LogLine {
  level: string;
  message: string;
  requestId?: string;
  method?: string;
  route?: string;
  status?: number;
  durationMs?: number;
  bytes?: number;
}

/** A runtime whose log lines are kept in `lines`. */
async function startLogged(env: Record<string, string> = {}) {
  const { dir, remove } = tempDir();
  const lines: LogLine[] = [];
  const log = createLogger("info", (line) => lines.push(JSON.parse(line) as LogLine));
  const config = loadConfig({
    SYMBOLS: "AAPL,MSFT",
    TICK_RETENTION: "0",
    DATABASE_URL: `file:${join(dir, "t.db")}`,
    ...env,
  });
  const source = new ManualSource();
  const runtime: Runtime = await createRuntime(config, log, source);
  source.settled = () => runtime.writer.flush();
  const get = (path: string, init?: RequestInit) =>
    Promise.resolve(runtime.app.request(`http://localhost${path}`, init));
  const access = () => lines.filter((l) => l.message === "request" || l.message === "stream started");
  return {
    source,
    get,
    access,
    stop: async () => {
      await runtime.stop();
      remove();
    },
  };
}

describe("access log and request ids", () => {
  let rt: Awaited<ReturnType<typeof startLogged>>;
  beforeAll(async () => {
    rt = await startLogged();
  });
  afterAll(() => rt.stop());

  test("one line per request, with the route pattern, status, duration and request id", async () => {
    const before = rt.access().length;
    const res = await rt.get("/api/prices/AAPL", { headers: { "X-Request-Id": "abc.DEF_1-2" } });
    await rt.get("/no/such/page");
    const lines = rt.access().slice(before);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      level: "info",
      message: "request",
      requestId: "abc.DEF_1-2",
      method: "GET",
      route: "/api/prices/:symbol",
      status: res.status,
    });
    expect(lines[0]?.durationMs).toBeGreaterThanOrEqual(0);
    expect(lines[1]).toMatchObject({ route: "unmatched", status: 404 });
    expect(JSON.stringify(lines)).not.toContain("/api/prices/AAPL");
  });

  test("X-Request-Id is echoed when well-formed", async () => {
    const res = await rt.get("/health/live", { headers: { "X-Request-Id": "req-42.a_b" } });
    expect(res.headers.get("x-request-id")).toBe("req-42.a_b");
  });

  test("X-Request-Id is replaced when malformed or missing, also on errors", async () => {
    for (const given of ["has space", "x".repeat(65), "semi;colon", ""]) {
      const res = await rt.get("/health/live", { headers: { "X-Request-Id": given } });
      const id = res.headers.get("x-request-id");
      expect(id).toMatch(/^[A-Za-z0-9._-]{1,64}$/);
      expect(id).not.toBe(given);
    }
    const missing = await rt.get("/api/prices/NOPE");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("x-request-id")).toMatch(/^[A-Za-z0-9._-]{1,64}$/);
  });

  test("a stream is logged once, when its response starts, never per tick", async () => {
    const before = rt.access().length;
    const res = await rt.get("/api/stream?symbols=AAPL");
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    for (let i = 0; i < 5; i++) await rt.source.push("AAPL", 100 + i);
    let text = "";
    while (!text.includes("104")) text += (await reader.read()).value;
    await reader.cancel();
    const lines = rt.access().slice(before);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ message: "stream started", route: "/api/stream", status: 200 });
  });
});

test("ACCESS_LOG=0: no access lines, request ids still sent", async () => {
  const quiet = await startLogged({ ACCESS_LOG: "0" });
  const res = await quiet.get("/health/live", { headers: { "X-Request-Id": "quiet-1" } });
  await quiet.get("/api/prices");
  expect(res.headers.get("x-request-id")).toBe("quiet-1");
  expect(quiet.access()).toEqual([]);
  await quiet.stop();
});
