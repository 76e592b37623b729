import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { NEGOCIOS_HEADER, negociosText } from "../../scripts/generate-b3/negocios.ts";
import { type B3Runtime, importFile, startB3Runtime, TRADES, TRADES_TRUNCATED, TRADES_ZIP } from "./support.ts";

let rt: B3Runtime;
beforeAll(async () => {
  rt = await startB3Runtime();
});
afterAll(() => rt.close());

interface TradeDay {
  date: string;
  open: number;
  close: number;
  trades: number;
  quantity: number;
}
const tradeDays = async (ticker: string): Promise<TradeDay[]> => {
  const res = await rt.get(`/api/quotes/${ticker}`);
  return res.status === 404 ? [] : ((await res.json()) as { trades: TradeDay[] }).trades;
};

describe("NEGOCIOSAVISTA trades", () => {
  test("the official sample: 2 trades, at 5.97 and 5.90", async () => {
    expect(await importFile(rt, "29-04-2025_NEGOCIOSAVISTA.txt", Bun.file(TRADES))).toMatchObject({
      status: "done",
      format: "negocios",
      rowsInserted: 2,
      rowsDuplicate: 0,
    });
    expect(await tradeDays("DDIN25")).toEqual([
      {
        date: "2025-04-28",
        open: 5.97,
        high: 5.97,
        low: 5.97,
        close: 5.97,
        average: 5.97,
        trades: 1,
        quantity: 118,
        volume: 704.46,
      } as TradeDay,
    ]);
    expect(await tradeDays("DDIQ25")).toMatchObject([{ date: "2025-04-28", open: 5.9, trades: 1, quantity: 82 }]);
  });

  test("importing it twice leaves 2 rows, and so does the zip (its __MACOSX entry ignored)", async () => {
    expect(await importFile(rt, "again.txt", Bun.file(TRADES))).toMatchObject({
      status: "done",
      rowsInserted: 0,
      rowsDuplicate: 2,
    });
    expect(await importFile(rt, "29-04-2025_NEGOCIOSAVISTA.txt.zip", Bun.file(TRADES_ZIP))).toMatchObject({
      status: "done",
      format: "zip",
      rowsInserted: 0,
      rowsDuplicate: 2,
      rowsRejected: 0,
    });
    expect([...(await tradeDays("DDIN25")), ...(await tradeDays("DDIQ25"))].map((d) => d.trades)).toEqual([1, 1]);
  });

  test("the zip alone, in a fresh database, imports the same 2 trades", async () => {
    const fresh = await startB3Runtime();
    try {
      expect(await importFile(fresh, "t.zip", Bun.file(TRADES_ZIP))).toMatchObject({ status: "done", rowsInserted: 2 });
    } finally {
      await fresh.close();
    }
  });

  test("the truncated 2-column file fails with a message and keeps no row", async () => {
    const status = await importFile(rt, "NEGOCIOSAVISTA_invalid.txt", Bun.file(TRADES_TRUNCATED));
    expect(status.status).toBe("failed");
    expect(status.rowsInserted).toBe(0);
    expect(status.failure).toStartWith(
      "NEGOCIOSAVISTA_invalid.txt: the header has 2 columns (DataReferencia;CodigoInstrumento), a NEGOCIOSAVISTA trades file has 11 or 12",
    );
    expect(status.failure).toEndWith("No rows of this file were kept.");
    expect(await tradeDays("TF583R")).toEqual([]);
  });

  test("a cancellation (AcaoAtualizacao 2) removes the trade it cancels, and keeps it out on a re-import", async () => {
    const text = negociosText({ trades: 3, instruments: ["CNCL3"], cancel: [1] });
    expect(await importFile(rt, "cancel.txt", text)).toMatchObject({
      status: "done",
      rowsInserted: 3,
      rowsCancelled: 1,
    });
    expect((await tradeDays("CNCL3"))[0]).toMatchObject({ trades: 2 });
    const withoutCancel = negociosText({ trades: 3, instruments: ["CNCL3"] });
    expect(await importFile(rt, "original.txt", withoutCancel)).toMatchObject({
      status: "done",
      rowsInserted: 0,
      rowsDuplicate: 3,
    });
    expect((await tradeDays("CNCL3"))[0]).toMatchObject({ trades: 2 });
  });

  test("a 12-column file with a UTF-8 byte-order mark and CRLF lines is read like the others", async () => {
    const text = negociosText({ trades: 4, columns: 12, bom: true, eol: "\r\n", instruments: ["BOMX3"] });
    expect(await importFile(rt, "bom.csv", text)).toMatchObject({ status: "done", rowsInserted: 4, rowsRejected: 0 });
  });

  test("a bad trade line is counted and reported with its line number; the others are kept", async () => {
    const text = `${NEGOCIOS_HEADER}\n2025-04-29;BADL3;0;5,1;100;100000000;1;1;2025-04-28;1;2\n2025-04-29;BADL3;0;cinco;100;100000000;2;1;2025-04-28;1;2\n`;
    const status = await importFile(rt, "bad.txt", text);
    expect(status).toMatchObject({ status: "done", rowsInserted: 1, rowsRejected: 1 });
    expect(status.errors).toEqual([
      {
        line: 3,
        reason: 'PrecoNegocio "cinco" is not a price with a decimal comma (like 5,970)',
        text: "2025-04-29;BADL3;0;cinco;100;100000000;2;1;2025-04-28;1;2",
      },
    ]);
  });
});
