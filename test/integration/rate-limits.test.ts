import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { FixedWindowLimiter } from "../../src/routes/rate-limit.ts";
import { startTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

const TOKEN = "rate-limit-token-1234";
const UPLOAD_TOKEN = "rate-limit-upload-token";
let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime({
    SYMBOLS: "AAPL,MSFT",
    EVENTS_TOKEN: TOKEN,
    UPLOAD_TOKEN,
    EVENTS_RATE: "3",
    UPLOAD_RATE: "2",
    BOARD_RATE: "2",
    TRUST_PROXY: "1",
  });
});
afterAll(() => rt.stop());

const from = (client: string) => ({ "X-Forwarded-For": client });
const event = () =>
  rt.get("/api/events", {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ type: "stock.price_updated", symbol: "AAPL", price: 151 }),
  });
const upload = (client: string, path = "/api/quotes/upload") =>
  rt.get(path, {
    method: "POST",
    headers: { ...from(client), "Content-Type": "text/plain", Authorization: `Bearer ${UPLOAD_TOKEN}` },
    body: "x",
  });
const unsubscribe = (client: string) => rt.get("/board/symbols/AAPL/delete", { method: "POST", headers: from(client) });

const expectLimited = async (res: Response) => {
  expect(res.status).toBe(429);
  const retryAfter = Number(res.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  return res;
};

describe("write rate limits", () => {
  test("past EVENTS_RATE a token gets 429 with Retry-After and the JSON error", async () => {
    for (let i = 0; i < 3; i++) expect((await event()).status).toBe(202);
    const res = await expectLimited(await event());
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("too_many_events");
    expect(body.error.message).toContain("at most 3 a minute");
  });

  test("a wrong token is still a 403, not counted", async () => {
    const res = await rt.get("/api/events", {
      method: "POST",
      headers: { Authorization: "Bearer wrong-token-123456" },
    });
    expect(res.status).toBe(403);
  });

  test("UPLOAD_RATE counts the form and the API uploads of one client together, refused unread", async () => {
    expect((await upload("10.0.0.1")).status).toBe(415);
    expect((await upload("10.0.0.1", "/quotes/upload")).status).toBe(415);
    const res = await expectLimited(await upload("10.0.0.1"));
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("too_many_uploads");
    expect(res.headers.get("connection")).toBe("close");
    expect((await upload("10.0.0.1", "/quotes/upload")).status).toBe(429);
    expect((await upload("10.0.0.2")).status).toBe(415);
  });

  test("BOARD_RATE limits one client's board changes (a page answer); the board page itself is not limited", async () => {
    for (let i = 0; i < 2; i++) expect((await unsubscribe("10.0.1.1")).status).toBe(303);
    const res = await expectLimited(await unsubscribe("10.0.1.1"));
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(await res.text()).toContain("Too many board changes");
    expect((await unsubscribe("10.0.1.2")).status).toBe(303);
    expect((await rt.get("/", { headers: from("10.0.1.1") })).status).toBe(200);
  });
});

describe("FixedWindowLimiter", () => {
  test("allows `limit` per window, then says how long to wait; a new window starts afresh", () => {
    let now = 0;
    const limiter = new FixedWindowLimiter(2, 60_000, 100, () => now);
    expect([limiter.take("a"), limiter.take("a"), limiter.take("a")]).toEqual([undefined, undefined, 60]);
    now = 59_500;
    expect(limiter.take("a")).toBe(1);
    now = 60_000;
    expect(limiter.take("a")).toBeUndefined();
  });

  test("0 is no limit", () => {
    const limiter = new FixedWindowLimiter(0);
    for (let i = 0; i < 1000; i++) expect(limiter.take("a")).toBeUndefined();
    expect(limiter.size).toBe(0);
  });

  test("memory is bounded: expired windows are dropped, and past maxKeys the oldest", () => {
    let now = 0;
    const limiter = new FixedWindowLimiter(1, 1000, 3, () => now);
    for (const key of ["a", "b", "c", "d"]) limiter.take(key);
    expect(limiter.size).toBe(3);
    expect(limiter.take("a")).toBeUndefined(); // forgotten, so counted afresh
    now = 5000;
    limiter.take("e");
    expect(limiter.size).toBe(1);
  });
});
