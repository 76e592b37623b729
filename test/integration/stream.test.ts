import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Tick } from "../../src/engine/tick.ts";
import { readEvents } from "../support/sse-reader.ts";
import { startTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime({ SYMBOLS: "AAPL,MSFT,TSLA", HEARTBEAT_MS: "1000" });
});
afterAll(() => rt.stop());

const ids = (events: { id?: string }[]) => events.map((e) => Number(e.id));
const pushEach = (symbols: string[]) => Promise.all(symbols.map((s, i) => rt.source.push(s, 100 + i)));

describe("GET /api/stream", () => {
  test("is an SSE stream that proxies and caches leave alone", async () => {
    const res = await rt.get("/api/stream");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-accel-buffering")).toBe("no");
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toStartWith("retry: 2000\n");
    await reader.cancel();
  });

  test("sends named tick events with JSON data and the tick id, for the requested symbols only", async () => {
    const res = await rt.get("/api/stream?symbols=aapl,TSLA");
    pushEach(["AAPL", "MSFT", "TSLA", "MSFT", "AAPL"]);
    const events = await readEvents(res, 3);
    expect(events.map((e) => e.event)).toEqual(["tick", "tick", "tick"]);
    const ticks = events.map((e) => JSON.parse(e.data) as Tick);
    expect(ticks.map((t) => t.symbol)).toEqual(["AAPL", "TSLA", "AAPL"]);
    expect(ids(events)).toEqual(ticks.map((t) => t.id));
  });

  test("sends a heartbeat comment when nothing happens", async () => {
    const res = await rt.get("/api/stream?symbols=MSFT");
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    while (!text.includes(": heartbeat")) text += (await reader.read()).value;
    await reader.cancel();
  });

  test("resumes from Last-Event-ID: the missed ticks in order, no duplicate, then live", async () => {
    const first = await rt.get("/api/stream");
    pushEach(["AAPL", "MSFT", "TSLA"]);
    const seen = await readEvents(first, 2);
    const lastSeen = Number(seen[1]!.id);
    await pushEach(["AAPL", "MSFT", "TSLA", "AAPL"]);
    const expected = Array.from({ length: rt.engine.lastId - lastSeen }, (_, i) => lastSeen + 1 + i);

    const resumed = await rt.get("/api/stream", { headers: { "Last-Event-ID": String(lastSeen) } });
    setTimeout(() => rt.source.push("MSFT", 1), 50);
    const events = await readEvents(resumed, expected.length + 1);
    expect(ids(events)).toEqual([...expected, rt.engine.lastId]);
  });

  test("also resumes from ?lastEventId= (for clients that cannot set headers)", async () => {
    await pushEach(["AAPL", "MSFT"]);
    const from = rt.engine.lastId - 2;
    const events = await readEvents(await rt.get(`/api/stream?lastEventId=${from}`), 2);
    expect(ids(events)).toEqual([from + 1, from + 2]);
  });

  test("a Last-Event-ID above any published id (a fresh install, a restored backup) is unknown: the stream goes live", async () => {
    const res = await rt.get("/api/stream?symbols=TSLA", {
      headers: { "Last-Event-ID": String(rt.engine.lastId + 1234) },
    });
    setTimeout(() => rt.source.push("TSLA", 222), 50);
    const [live] = await readEvents(res, 1);
    expect(JSON.parse(live!.data)).toMatchObject({ symbol: "TSLA", price: 222, id: rt.engine.lastId });
  });

  test("an unknown symbol is a 400 before the stream opens", async () => {
    const res = await rt.get("/api/stream?symbols=AAPL,NOPE,ZZZ");
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: "unknown_symbol", message: "Unknown symbol NOPE, ZZZ" } });
  });

  test("a malformed Last-Event-ID is a 400 naming it", async () => {
    const res = await rt.get("/api/stream", { headers: { "Last-Event-ID": "12; DROP" } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toStartWith("lastEventId:");
  });
});
