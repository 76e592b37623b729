import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

const TOKEN = "head-test-token-0123456789";
let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime({ EVENTS_TOKEN: TOKEN, SYMBOLS: "AAPL,MSFT" });
  await rt.source.push("AAPL", 150);
  await rt.get("/api/events", {
    method: "POST",
    headers: { Authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({
      type: "portfolio.opted_in",
      slug: "alice",
      holdings: [{ symbol: "AAPL", quantity: 1, avg_price: 100 }],
    }),
  });
});
afterAll(() => rt.stop());

describe("HEAD on a stream", () => {
  test.each([
    "/api/stream",
    "/api/stream?imports=1",
    "/board/stream",
    "/s/AAPL/stream",
    "/p/alice/stream",
    "/quotes/stream",
  ])("%s answers the stream's headers and leaves no subscription behind", async (path) => {
    const opened = rt.live.hub.counts.opened;
    for (let i = 0; i < 20; i++) {
      const res = await rt.get(path, { method: "HEAD" });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
      expect(await res.text()).toBe("");
    }
    expect(rt.live.hub.counts).toMatchObject({ opened, open: 0 });
  });
});
