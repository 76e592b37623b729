import { describe, expect, test } from "bun:test";
import { NEGOCIOS_HEADER } from "../../scripts/generate-b3/negocios.ts";
import { ImportFailure } from "../../src/b3/import-failure.ts";
import { BadLine } from "../../src/b3/line-parser.ts";
import { NegociosParser } from "../../src/b3/negocios.ts";
import { TRADES, TRADES_TRUNCATED } from "./support.ts";

const parseAll = (text: string, name = "trades.txt") => {
  const parser = new NegociosParser(name);
  const parsed = text.split("\n").flatMap((line, i) => parser.line(line, i + 1) ?? []);
  parser.finish();
  return parsed;
};

describe("a NEGOCIOSAVISTA trades file", () => {
  test("the official sample: 2 trades, decimal comma prices 5.97 and 5.90", async () => {
    const parsed = parseAll(await Bun.file(TRADES).text());
    expect(parsed).toEqual([
      {
        kind: "trade",
        trade: {
          tradeDate: "2025-04-28",
          instrument: "DDIN25",
          tradeId: "10",
          price: 5.97,
          quantity: 118,
          closeTime: "02:48:10.098",
          sessionType: "1",
          referenceDate: "2025-04-29",
          buyer: "127",
          seller: "127",
          channel: null,
        },
      },
      expect.objectContaining({
        kind: "trade",
        trade: expect.objectContaining({ instrument: "DDIQ25", price: 5.9, quantity: 82 }),
      }),
    ]);
  });

  test("the 12-column files carry TipoDoCanal", () => {
    const [parsed] = parseAll(
      `${NEGOCIOS_HEADER};TipoDoCanal\n2025-04-29;PETR4;0;31,25;100;100000000;7;1;2025-04-28;1;2;3`,
    );
    expect(parsed).toMatchObject({ kind: "trade", trade: { price: 31.25, closeTime: "10:00:00.000", channel: "3" } });
  });

  test("AcaoAtualizacao 2 is the cancellation of the trade with the same identity", () => {
    const [parsed] = parseAll(`${NEGOCIOS_HEADER}\n2025-04-29;PETR4;2;31,25;100;100000000;7;1;2025-04-28;1;2`);
    expect(parsed).toEqual({ kind: "cancel", key: { tradeDate: "2025-04-28", instrument: "PETR4", tradeId: "7" } });
  });

  test("the truncated sample (2 columns) fails the file with what a trades file looks like", async () => {
    const text = await Bun.file(TRADES_TRUNCATED).text();
    expect(() => parseAll(text, "NEGOCIOSAVISTA_invalid.txt")).toThrow(
      new ImportFailure(
        "NEGOCIOSAVISTA_invalid.txt: the header has 2 columns (DataReferencia;CodigoInstrumento), a NEGOCIOSAVISTA trades file has 11 or 12, DataReferencia to CodigoParticipanteVendedor (and TipoDoCanal): the file looks truncated",
      ),
    );
  });

  test("a header with a wrong column name is refused, naming it", () => {
    expect(() => parseAll(NEGOCIOS_HEADER.replace("PrecoNegocio", "Preco"))).toThrow(
      'trades.txt: header column 4 is "Preco", expected PrecoNegocio',
    );
  });

  test.each([
    [
      "2025-04-29;PETR4;0;31.250,5;100;100000000;7;1;2025-04-28;1;2",
      'PrecoNegocio "31.250,5" is not a price with a decimal comma (like 5,970)',
    ],
    [
      "2025-04-29;PETR4;0;31,25;100;100000000;7;1;2025-02-30;1;2",
      'DataNegocio "2025-02-30" is not a date (YYYY-MM-DD)',
    ],
    [
      "2025-04-29;PETR4;1;31,25;100;100000000;7;1;2025-04-28;1;2",
      'AcaoAtualizacao "1" is neither 0 (new trade) nor 2 (cancellation)',
    ],
    ["2025-04-29;PETR4;0;31,25;100", "5 columns, the header has 11"],
    [
      "2025-04-29;PETR4;0;31,25;100;250000000;7;1;2025-04-28;1;2",
      'HoraFechamento "250000000" is not a time (HHMMSSmmm)',
    ],
  ])("%s is a bad line: %s", (line, reason) => {
    const parser = new NegociosParser("x");
    parser.line(NEGOCIOS_HEADER, 1);
    expect(() => parser.line(line, 2)).toThrow(new BadLine(reason));
  });
});
