import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { type Client, createClient } from "@libsql/client";
import { createLogger } from "../../src/log.ts";
import { PORTFOLIO_MIGRATIONS } from "../../src/portfolio/migrations.ts";
import { PortfolioBook, type PortfolioBookOptions } from "../../src/portfolio/portfolio-book.ts";
import { PortfolioStore } from "../../src/portfolio/portfolio-store.ts";
import { migrate } from "../../src/store/migrations.ts";
import { eventually } from "../support/sse-reader.ts";
import { tempDir } from "../support/test-runtime.ts";

let dir: ReturnType<typeof tempDir>;
let url: string;
let db: Client;
beforeEach(async () => {
  dir = tempDir();
  url = `file:${join(dir.dir, "visits.db")}`;
  db = createClient({ url });
  await migrate(db, PORTFOLIO_MIGRATIONS);
});
afterEach(() => {
  db.close();
  dir.remove();
});

let clock = Date.UTC(2026, 0, 5, 23, 58);
const MINUTE = 60_000;
const open = async (options: PortfolioBookOptions = {}) => {
  const book = await PortfolioBook.load(new PortfolioStore(db), { now: () => clock, ...options });
  await book.apply([{ type: "portfolio.opted_in", slug: "alice" }]);
  return book;
};
const stored = async (slug: string) =>
  Number(
    (await db.execute({ sql: "SELECT SUM(visits) AS n FROM portfolio_visits WHERE slug = ?", args: [slug] })).rows[0]
      ?.n ?? 0,
  );

describe("portfolio visits", () => {
  test("one visitor counts once a UTC day, again the next; trending counts this ISO week's visitor-days", async () => {
    clock = Date.UTC(2026, 0, 5, 23, 58);
    const book = await open();
    book.visit("alice", ["cookie:one"]);
    book.visit("alice", ["cookie:one"]);
    book.visit("alice", ["address:x", "cookie:two"]);
    book.visit("alice", ["address:x", "cookie:three"]);
    expect(book.visits().get("alice")).toBe(2);
    clock += 4 * MINUTE;
    book.visit("alice", ["cookie:one"]);
    book.visit("alice", ["cookie:two"]);
    expect(book.visits().get("alice")).toBe(4);
    clock = Date.UTC(2026, 0, 12, 9);
    expect(book.visits().get("alice")).toBeUndefined();
    await book.close();
  });

  test("visits wait in memory and are written in batches: at once when batchSize wait, the rest on close", async () => {
    const book = await open({ visits: { flushMs: 3_600_000, batchSize: 3 } });
    book.visit("alice", ["cookie:1"]);
    book.visit("alice", ["cookie:2"]);
    expect(await stored("alice")).toBe(0);
    book.visit("alice", ["cookie:3"]);
    await eventually(async () => (await stored("alice")) === 3);
    book.visit("alice", ["cookie:4"]);
    await book.close();
    expect(await stored("alice")).toBe(4);
  });

  test("a batch the database refuses is kept and written on a later attempt", async () => {
    const lines: string[] = [];
    const book = await open({
      log: createLogger("error", (line) => lines.push(line)),
      visits: { flushMs: 5, batchSize: 1 },
    });
    const other = createClient({ url });
    const lock = await other.transaction("write");
    await lock.execute("DELETE FROM portfolio_visits WHERE slug = 'nobody'");
    book.visit("alice", ["cookie:1"]);
    await eventually(() => lines.some((line) => line.includes("visits not written, retrying")));
    await lock.commit();
    other.close();
    await eventually(async () => (await stored("alice")) === 1);
    await book.close();
  });

  test("the visits of a portfolio that opts out are never written, even those still in memory", async () => {
    const book = await open({ visits: { flushMs: 3_600_000, batchSize: 100 } });
    book.visit("alice", ["cookie:1"]);
    await book.apply([{ type: "portfolio.opted_out", slug: "alice" }]);
    await book.apply([{ type: "portfolio.opted_in", slug: "alice" }]);
    await book.close();
    expect(await stored("alice")).toBe(0);
    expect(
      (await PortfolioBook.load(new PortfolioStore(db), { now: () => clock })).visits().get("alice"),
    ).toBeUndefined();
  });
});
