import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createClient } from "@libsql/client";
import type { Tick } from "../../src/engine/tick.ts";
import { startTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

let rt: TestRuntime;

/** ManualSource's clock: the n-th push is at START + n s. */
const START = 1_700_000_000_000;
const at = (n: number) => START + n * 1000;

beforeAll(async () => {
  rt = await startTestRuntime({ SYMBOLS: "AAPL,MSFT,TSLA" });
  await rt.source.push("AAPL", 150);
  await rt.source.push("MSFT", 300);
  await rt.source.push("AAPL", 151.5);
  await rt.source.push("AAPL", 149.25);
  // A source whose clock went back: ts is not in seq order.
  await rt.source.pushAt("TSLA", 10, at(50));
  await rt.source.pushAt("TSLA", 11, at(30));
  await rt.source.pushAt("TSLA", 12, at(60));
});
afterAll(() => rt.stop());

const errorOf = async (path: string) => {
  const res = await rt.get(path);
  return { status: res.status, body: await res.json() };
};

describe("GET /api/prices/:symbol/ticks.csv", () => {
  test("a header, then every tick of the symbol oldest first, ISO time and epoch ms, CRLF", async () => {
    const res = await rt.get("/api/prices/aapl/ticks.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="AAPL-ticks-start-now.csv"');
    expect(await res.text()).toBe(
      "id,symbol,seq,time,ts,price,prevPrice,change,changePercent\r\n" +
        "1,AAPL,1,2023-11-14T22:13:21.000Z,1700000001000,150,150,0,0\r\n" +
        "3,AAPL,2,2023-11-14T22:13:23.000Z,1700000003000,151.5,150,1.5,1\r\n" +
        "4,AAPL,3,2023-11-14T22:13:24.000Z,1700000004000,149.25,151.5,-2.25,-1.49\r\n",
    );
  });

  test("from (included) and to (excluded) take ISO-8601 or epoch ms, and name the file", async () => {
    const res = await rt.get(`/api/prices/AAPL/ticks.csv?from=2023-11-14T22:13:22Z&to=${at(4)}`);
    expect((await res.text()).split("\r\n").slice(1, -1)).toEqual([
      "3,AAPL,2,2023-11-14T22:13:23.000Z,1700000003000,151.5,150,1.5,1",
    ]);
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="AAPL-ticks-20231114T221322Z-20231114T221324Z.csv"',
    );
  });

  test("a range filters on each tick's own time, in seq order, when the source's clock went back", async () => {
    const text = await (await rt.get(`/api/prices/TSLA/ticks.csv?from=${at(40)}`)).text();
    expect(
      text
        .split("\r\n")
        .slice(1, -1)
        .map((line) => line.split(",").slice(1, 3).join(" ")),
    ).toEqual(["TSLA 1", "TSLA 3"]);
  });

  test("a range with no tick, or a symbol with none, is the header alone", async () => {
    const header = "id,symbol,seq,time,ts,price,prevPrice,change,changePercent\r\n";
    expect(await (await rt.get("/api/prices/AAPL/ticks.csv?from=2024-01-01&to=2024-01-02")).text()).toBe(header);
    expect(await (await rt.get("/api/prices/TSLA/ticks.csv?to=2000-01-01")).text()).toBe(header);
    const quiet = await startTestRuntime({ SYMBOLS: "AAPL" });
    try {
      expect(await (await quiet.get("/api/prices/AAPL/ticks.csv")).text()).toBe(header);
    } finally {
      await quiet.stop();
    }
  });

  test("a bad from is a 400 naming it", async () => {
    expect(await errorOf("/api/prices/AAPL/ticks.csv?from=yesterday")).toEqual({
      status: 400,
      body: {
        error: {
          code: "invalid_parameter",
          message: "from: an ISO-8601 date or time (2026-12-01, 2026-12-01T10:00:00Z) or epoch milliseconds",
        },
      },
    });
  });

  test("a from that is not before to is a 400 naming from", async () => {
    expect(await errorOf(`/api/prices/AAPL/ticks.csv?from=${at(3)}&to=${at(3)}`)).toEqual({
      status: 400,
      body: { error: { code: "invalid_parameter", message: "from: must be before to" } },
    });
  });

  test("an unknown symbol is a 404, as on the other price routes", async () => {
    expect(await errorOf("/api/prices/ZZZZ/ticks.csv")).toEqual({
      status: 404,
      body: { error: { code: "unknown_symbol", message: "Unknown symbol ZZZZ" } },
    });
  });
});

describe("GET /api/prices/:symbol/ticks.ndjson", () => {
  test("one tick a line, each the JSON the rest of the API answers", async () => {
    const res = await rt.get(`/api/prices/AAPL/ticks.ndjson?from=${at(3)}`);
    expect(res.headers.get("content-type")).toBe("application/x-ndjson");
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="AAPL-ticks-20231114T221323Z-now.ndjson"',
    );
    const text = await res.text();
    expect(text.endsWith("\n")).toBe(true);
    const ticks = text
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as Tick);
    const { ticks: newestFirst } = (await (await rt.get("/api/prices/AAPL/history")).json()) as { ticks: Tick[] };
    expect(ticks).toEqual(newestFirst.slice(0, 2).reverse());
  });

  test("a bad to is a 400 naming it", async () => {
    expect((await errorOf("/api/prices/AAPL/ticks.ndjson?to=2026-13-45")).body.error.message).toStartWith("to: ");
  });
});

test("the symbol page links to both files", async () => {
  const page = await (await rt.get("/s/AAPL")).text();
  const links = [...page.matchAll(/<a href="([^"]+)" download>([^<]+)<\/a>/g)].map(([, href, text]) => [text, href]);
  expect(links).toEqual([
    ["CSV", "/api/prices/AAPL/ticks.csv"],
    ["NDJSON", "/api/prices/AAPL/ticks.ndjson"],
  ]);
  expect(page).toContain("Download ticks:");
  for (const [, href] of links) expect((await rt.get(href!)).status).toBe(200);
});

describe("large exports", () => {
  const ROWS_PER_INSERT = 1000;

  /** `count` ticks of AAPL, ids and seqs 1…count, written straight into the ticks table of a runtime that has none. */
  async function storeTicks(databaseUrl: string, count: number): Promise<void> {
    const db = createClient({ url: databaseUrl });
    const inserts = [];
    for (let first = 1; first <= count; first += ROWS_PER_INSERT) {
      const ids = Array.from({ length: ROWS_PER_INSERT }, (_, i) => first + i);
      inserts.push({
        sql: `INSERT INTO ticks (id, symbol, seq, price, prev_price, change, change_percent, ts) VALUES ${ids.map(() => "(?, 'AAPL', ?, 100.5, 100.5, 0, 0, ?)").join(", ")}`,
        args: ids.flatMap((id) => [id, id, START + id]),
      });
    }
    await db.batch(inserts, "write");
    db.close();
  }

  test("every one of 200,000 ticks arrives, in order, in many chunks", async () => {
    const COUNT = 200_000;
    const big = await startTestRuntime({ SYMBOLS: "AAPL" });
    try {
      await storeTicks(big.databaseUrl, COUNT);
      const res = await big.get("/api/prices/AAPL/ticks.csv");
      const decoder = new TextDecoder();
      let chunks = 0;
      let lines = 0;
      let tail = "";
      for await (const chunk of res.body!) {
        chunks++;
        const parts = (tail + decoder.decode(chunk, { stream: true })).split("\r\n");
        tail = parts.pop()!;
        lines += parts.length;
        if (lines === COUNT + 1) expect(parts.at(-1)).toStartWith(`${COUNT},AAPL,${COUNT},`);
      }
      expect(tail).toBe("");
      expect(lines).toBe(COUNT + 1);
      expect(chunks).toBeGreaterThan(1);
    } finally {
      await big.stop();
    }
  });

  test("a database failing during an export cuts it short: the client sees an error, not a complete file", async () => {
    const failing = await startTestRuntime({ SYMBOLS: "AAPL" });
    await storeTicks(failing.databaseUrl, 30_000);
    const reader = (await failing.get("/api/prices/AAPL/ticks.csv")).body!.getReader();
    await reader.read();
    await failing.stop(); // closes the database
    const drain = async () => {
      while (!(await reader.read()).done);
    };
    await expect(drain()).rejects.toThrow();
  });
});
