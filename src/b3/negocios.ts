import { isoOf } from "./dates.ts";
import { ImportFailure } from "./import-failure.ts";
import { BadLine, type LineParser, type ParsedLine } from "./line-parser.ts";
import type { Trade, TradeKey } from "./trade.ts";

/** NEGOCIOSAVISTA's columns; the 12th (`TipoDoCanal`) only exists in newer files. */
export const NEGOCIOS_COLUMNS = [
  "DataReferencia",
  "CodigoInstrumento",
  "AcaoAtualizacao",
  "PrecoNegocio",
  "QuantidadeNegociada",
  "HoraFechamento",
  "CodigoIdentificadorNegocio",
  "TipoSessaoPregao",
  "DataNegocio",
  "CodigoParticipanteComprador",
  "CodigoParticipanteVendedor",
  "TipoDoCanal",
] as const;
const EXPECTED_HEADER = `${NEGOCIOS_COLUMNS.slice(0, 11).join(";")}[;TipoDoCanal]`;

const DECIMAL_COMMA = /^\d+(,\d+)?$/;
const WHOLE = /^\d+$/;

function date(value: string, column: string): string {
  const iso = isoOf(value);
  if (!iso) throw new BadLine(`${column} ${JSON.stringify(value)} is not a date (YYYY-MM-DD)`);
  return iso;
}

function whole(value: string, column: string): string {
  if (!WHOLE.test(value)) throw new BadLine(`${column} ${JSON.stringify(value)} is not a whole number`);
  return value;
}

/** `HoraFechamento` HHMMSSmmm (leading zeros may be missing) → `HH:MM:SS.mmm`. */
function time(value: string): string {
  const digits = whole(value, "HoraFechamento").padStart(9, "0");
  const [hh, mm, ss] = [Number(digits.slice(0, 2)), Number(digits.slice(2, 4)), Number(digits.slice(4, 6))];
  if (digits.length !== 9 || hh > 23 || mm > 59 || ss > 59)
    throw new BadLine(`HoraFechamento ${JSON.stringify(value)} is not a time (HHMMSSmmm)`);
  return `${digits.slice(0, 2)}:${digits.slice(2, 4)}:${digits.slice(4, 6)}.${digits.slice(6)}`;
}

/**
 * Reads one NEGOCIOSAVISTA trades file: a `;`-separated header of 11 or 12 columns, then one
 * trade per line with a decimal comma (`5,970` = 5.97). AcaoAtualizacao 2 cancels a trade.
 * @example const parser = new NegociosParser("NEGOCIOSAVISTA.txt"); parser.line(header, 1); …
 */
export class NegociosParser implements LineParser {
  #columns = 0;

  constructor(private readonly name: string) {}

  line(text: string, lineNo: number): ParsedLine | undefined {
    if (text.trim() === "") return undefined;
    const cells = text.split(";").map((cell) => cell.trim());
    if (lineNo === 1) return this.#header(cells);
    if (cells.length !== this.#columns) throw new BadLine(`${cells.length} columns, the header has ${this.#columns}`);
    const [
      refDate = "",
      instrument = "",
      action = "",
      price = "",
      quantity = "",
      closeTime = "",
      tradeId = "",
      session = "",
      tradeDate = "",
      buyer = "",
      seller = "",
      channel,
    ] = cells;
    if (instrument === "") throw new BadLine("CodigoInstrumento is empty");
    const key: TradeKey = {
      tradeDate: date(tradeDate, "DataNegocio"),
      instrument,
      tradeId: whole(tradeId, "CodigoIdentificadorNegocio"),
    };
    if (action === "2") return { kind: "cancel", key };
    if (action !== "0")
      throw new BadLine(`AcaoAtualizacao ${JSON.stringify(action)} is neither 0 (new trade) nor 2 (cancellation)`);
    if (!DECIMAL_COMMA.test(price))
      throw new BadLine(`PrecoNegocio ${JSON.stringify(price)} is not a price with a decimal comma (like 5,970)`);
    const trade: Trade = {
      ...key,
      price: Number(price.replace(",", ".")),
      quantity: Number(whole(quantity, "QuantidadeNegociada")),
      closeTime: time(closeTime),
      sessionType: session,
      referenceDate: date(refDate, "DataReferencia"),
      buyer,
      seller,
      channel: channel ?? null,
    };
    return { kind: "trade", trade };
  }

  finish(): void {
    if (this.#columns === 0) throw new ImportFailure(`${this.name}: no header line`);
  }

  #header(cells: string[]): undefined {
    if (cells.length !== 11 && cells.length !== 12)
      throw new ImportFailure(
        `${this.name}: the header has ${cells.length} column${cells.length === 1 ? "" : "s"} (${cells.join(";")}), a NEGOCIOSAVISTA trades file has 11 or 12, DataReferencia to CodigoParticipanteVendedor (and TipoDoCanal): the file looks truncated`,
      );
    const wrong = cells.findIndex((cell, i) => cell.toLowerCase() !== NEGOCIOS_COLUMNS[i]?.toLowerCase());
    if (wrong >= 0)
      throw new ImportFailure(
        `${this.name}: header column ${wrong + 1} is ${JSON.stringify(cells[wrong])}, expected ${NEGOCIOS_COLUMNS[wrong]} (${EXPECTED_HEADER})`,
      );
    this.#columns = cells.length;
    return undefined;
  }
}
