import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createParser, type EventSourceMessage } from "eventsource-parser";
import { cotahistText } from "../../scripts/generate-b3/cotahist.ts";
import type { ImportStatus } from "../../src/b3/import-status.ts";
import { type B3Runtime, DEMO, latin1, startB3Runtime, upload } from "./support.ts";

let rt: B3Runtime;
beforeAll(async () => {
  rt = await startB3Runtime({ SYMBOLS: "AAPL", TICK_MS: "50" });
});
afterAll(() => rt.close());

/** Read SSE messages until `done` says enough; then the stream is cancelled. */
async function readUntil(
  res: Response,
  done: (events: EventSourceMessage[]) => boolean,
): Promise<EventSourceMessage[]> {
  const events: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (e) => events.push(e) });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  while (!done(events)) {
    const { done: ended, value } = await reader.read();
    if (ended) break;
    parser.feed(value);
  }
  await reader.cancel();
  return events;
}

describe("import events", () => {
  test("/api/stream?imports=1 sends named import events up to done, and ticks keep flowing", async () => {
    const stream = await rt.get("/api/stream?imports=1");
    expect(stream.status).toBe(200);
    const events = readUntil(
      stream,
      (all) =>
        all.some((e) => e.event === "import" && (JSON.parse(e.data) as ImportStatus).status === "done") &&
        all.some((e) => e.event === "tick"),
    );
    await Bun.sleep(0);
    await upload(rt, "demo.TXT", Bun.file(DEMO));
    const seen = await events;
    const statuses = seen.filter((e) => e.event === "import").map((e) => JSON.parse(e.data) as ImportStatus);
    expect(statuses[0]).toMatchObject({ fileName: "demo.TXT", status: "queued" });
    expect(statuses.at(-1)).toMatchObject({ fileName: "demo.TXT", status: "done", rowsInserted: 551, progress: 1 });
    expect(statuses.map((s) => s.status)).toContain("running");
    expect(seen.some((e) => e.event === "tick")).toBe(true);
  });

  test("an invalid imports flag is a 400", async () => {
    const res = await rt.get("/api/stream?imports=yes");
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe("imports: 0 or 1");
  });

  test("/quotes/stream starts with the whole list, then sends the rows as they change", async () => {
    const stream = await rt.get("/quotes/stream");
    const doneRow = /data-status="done">\s*<td class="import-file"><span class="file-name">second\.TXT/;
    const events = readUntil(stream, (all) => all.some((e) => doneRow.test(e.data)));
    await Bun.sleep(0);
    await upload(rt, "second.TXT", Bun.file(DEMO));
    const seen = await events;
    expect(seen[0]?.data).toStartWith('<hx-partial hx-target="#import-rows" hx-swap="innerHTML">');
    expect(
      seen.some((e) => e.data.startsWith('<hx-partial hx-target="#import-') && e.data.includes('hx-swap="outerHTML"')),
    ).toBe(true);
  });
});

describe("bounded concurrency", () => {
  test("with IMPORT_CONCURRENCY=1 the second upload waits, queued, until the first is done", async () => {
    const one = await startB3Runtime({ SYMBOLS: "AAPL", IMPORT_CONCURRENCY: "1" });
    try {
      const stream = await one.get("/api/stream?imports=1");
      const statuses = (events: EventSourceMessage[]) =>
        events.filter((e) => e.event === "import").map((e) => JSON.parse(e.data) as ImportStatus);
      const events = readUntil(stream, (all) => statuses(all).filter((s) => s.status === "done").length === 2);
      await Bun.sleep(0);
      const file = latin1(cotahistText({ records: 5000, startDate: "2024-03-04" }));
      await upload(one, "first.TXT", file);
      await upload(one, "second.TXT", file);
      const order = statuses(await events).map((s) => `${s.fileName} ${s.status}`);
      expect(order.indexOf("second.TXT running")).toBeGreaterThan(order.indexOf("first.TXT done"));
      expect(order.at(-1)).toBe("second.TXT done");
    } finally {
      await one.close();
    }
  });
});
