import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime({ MAX_STREAMS: "4", MAX_STREAMS_PER_IP: "2", TRUST_PROXY: "1" });
});
afterAll(() => rt.stop());

const open = (from: string, path = "/api/stream") => rt.get(path, { headers: { "X-Forwarded-For": from } });

describe("stream caps", () => {
  test("past MAX_STREAMS_PER_IP a client gets 429 with Retry-After; others are not slowed; closing one frees a place", async () => {
    const first = await open("203.0.113.1");
    const second = await open("203.0.113.1", "/board/stream");
    const refused = await open("203.0.113.1, 10.0.0.1");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("5");
    expect(await refused.json()).toEqual({
      error: {
        code: "too_many_streams_from_client",
        message: "Too many open streams from this client (MAX_STREAMS_PER_IP): close one, or retry later",
      },
    });
    const other = await open("198.51.100.7");
    expect(other.status).toBe(200);

    await first.body!.cancel();
    await Bun.sleep(10);
    const again = await open("203.0.113.1");
    expect(again.status).toBe(200);
    for (const res of [second, other, again]) await res.body!.cancel();
  });

  test("past MAX_STREAMS every client gets 503 with Retry-After", async () => {
    const held = await Promise.all(["192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4"].map((ip) => open(ip)));
    expect(held.map((res) => res.status)).toEqual([200, 200, 200, 200]);
    const page = await open("192.0.2.5", "/s/AAPL/stream");
    expect(page.status).toBe(503);
    expect(page.headers.get("retry-after")).toBe("5");
    const refused = await open("192.0.2.5");
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("5");
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("too_many_streams");
    expect((await rt.get("/api/prices")).status).toBe(200);
    for (const res of held) await res.body!.cancel();
  });
});
