import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { MAX_STORED_REPLAY } from "../../src/live/stored-ticks.ts";
import { readEvents } from "../support/sse-reader.ts";
import { startTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

/** Ticks memory keeps per symbol (runtime.ts): past it, a resuming stream needs the database. */
const IN_MEMORY = 300;

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime({ SYMBOLS: "AAPL,MSFT" });
});
afterAll(() => rt.stop());

/** Push `count` AAPL ticks (prices walking 100.01, 100.02 …), each published once committed. */
async function pushTicks(count: number): Promise<void> {
  for (let done = 0; done < count; done += 500)
    await Promise.all(
      Array.from({ length: Math.min(500, count - done) }, (_, i) =>
        rt.source.push("AAPL", 100 + ((done + i) % 1000) / 100),
      ),
    );
}

const resume = (lastEventId: number, query = "") =>
  rt.get(`/api/stream${query}`, { headers: { "Last-Event-ID": String(lastEventId) } });

describe("resuming beyond what memory holds", () => {
  test("a client that missed more than memory keeps gets every missed tick from the database, in order", async () => {
    const first = rt.engine.lastPublishedId;
    await pushTicks(IN_MEMORY + 200);
    await rt.source.push("MSFT", 300);
    const last = rt.engine.lastPublishedId;
    const events = await readEvents(await resume(first + 5), last - first - 5);
    expect(events.map((e) => Number(e.id))).toEqual(Array.from({ length: last - first - 5 }, (_, i) => first + 6 + i));
  });

  test("only the asked symbols come from the database", async () => {
    const from = rt.engine.lastPublishedId;
    await pushTicks(IN_MEMORY + 10);
    await rt.source.push("MSFT", 301);
    const events = await readEvents(await resume(from, "?symbols=MSFT"), 1);
    expect(JSON.parse(events[0]?.data ?? "{}").price).toBe(301);
  });

  test(`past ${MAX_STORED_REPLAY} missed ticks, the stream sends that many and ends; the client resumes from the last`, async () => {
    const from = rt.engine.lastPublishedId;
    await pushTicks(MAX_STORED_REPLAY + 150);
    const res = await resume(from);
    const text = await res.text();
    const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(ids.length).toBe(MAX_STORED_REPLAY);
    expect(ids[0]).toBe(from + 1);
    expect(ids.at(-1)).toBe(from + MAX_STORED_REPLAY);
    const rest = await readEvents(await resume(from + MAX_STORED_REPLAY), 150);
    expect(rest.map((e) => Number(e.id))).toEqual(
      Array.from({ length: 150 }, (_, i) => from + MAX_STORED_REPLAY + 1 + i),
    );
  });
});
