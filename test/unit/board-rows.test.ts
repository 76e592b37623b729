import { describe, expect, test } from "bun:test";
import { boardRows } from "../../src/board/board-rows.ts";
import { TickHistory } from "../../src/engine/tick-history.ts";
import { tickOf } from "../support/ticks.ts";

describe("board rows", () => {
  test("a row is rendered once per tick and shared until its symbol ticks again", () => {
    const history = new TickHistory(10);
    const rows = boardRows({ latest: (s) => history.latest(s), recent: (s, n) => history.recent(s, n) });
    history.add(tickOf(1, "AAPL", 187.3));

    const first = rows.row("AAPL");
    expect(rows.row("AAPL")).toBe(first);
    expect(rows.update("AAPL")).toBe(rows.update("AAPL"));
    expect(rows.update("AAPL")).toContain(String(first));

    history.add(tickOf(2, "AAPL", 190));
    expect(rows.row("AAPL")).not.toBe(first);
    expect(String(rows.row("AAPL"))).toContain("190.00");
  });

  test("a symbol without a tick yet shows a waiting row", () => {
    const rows = boardRows({ latest: () => undefined, recent: () => [] });
    expect(String(rows.row("MSFT"))).toContain("waiting");
    expect(rows.update("MSFT")).toContain("waiting");
  });
});
