import type { DailyQuote } from "./daily-quote.ts";
import { isoDate } from "./dates.ts";
import { ImportFailure } from "./import-failure.ts";
import { BadLine, type LineParser, type ParsedLine } from "./line-parser.ts";

/** A quote record's fields, positions 1-based and inclusive, as in B3's layout (see COTAHIST.md). */
const FIELDS = [
  ["TIPREG", 1, 2, /^01$/],
  ["DATA (trading day)", 3, 10, /^\d{8}$/],
  ["CODBDI", 11, 12, /^.{2}$/],
  ["CODNEG (ticker)", 13, 24, /^.{12}$/],
  ["TPMERC (market)", 25, 27, /^\d{3}$/],
  ["NOMRES", 28, 39, /^.{12}$/],
  ["ESPECI", 40, 49, /^.{10}$/],
  ["PRAZOT (term)", 50, 52, /^[\d ]{3}$/],
  ["MODREF", 53, 56, /^.{4}$/],
  ["PREABE (open)", 57, 69, /^\d{13}$/],
  ["PREMAX (high)", 70, 82, /^\d{13}$/],
  ["PREMIN (low)", 83, 95, /^\d{13}$/],
  ["PREMED (average)", 96, 108, /^\d{13}$/],
  ["PREULT (close)", 109, 121, /^\d{13}$/],
  ["PREOFC (best bid)", 122, 134, /^\d{13}$/],
  ["PREOFV (best ask)", 135, 147, /^\d{13}$/],
  ["TOTNEG (trades)", 148, 152, /^\d{5}$/],
  ["QUATOT (quantity)", 153, 170, /^\d{18}$/],
  ["VOLTOT (volume)", 171, 188, /^\d{18}$/],
  ["PREEXE (strike)", 189, 201, /^\d{13}$/],
  ["INDOPC", 202, 202, /^.$/],
  ["DATVEN (expiry)", 203, 210, /^\d{8}$/],
  ["FATCOT (quotation factor)", 211, 217, /^\d{7}$/],
  ["PTOEXE (strike in points)", 218, 230, /^\d{13}$/],
  ["CODISI (ISIN)", 231, 242, /^.{12}$/],
  ["DISMES", 243, 245, /^.{3}$/],
] as const;

const RECORD_LENGTH = 245;
/** The whole record's shape in one test: one regex per line is much cheaper than one per field, and without captures it allocates nothing. */
const RECORD = new RegExp(`^${FIELDS.map(([, , , rule]) => rule.source.slice(1, -1)).join("")}$`);
const NO_EXPIRY = "99991231";
/** Up to 15 digits, a number is exact when read digit by digit. */
const EXACT_DIGITS = 15;

/** The text of the field at positions `from`–`to` (1-based, inclusive). */
const field = (text: string, from: number, to: number): string => text.slice(from - 1, to);

/**
 * The integer in the digits at `from`–`to` with `decimals` implied decimals: `"0000000004670"` with 2 is 46.7.
 * Read from the characters themselves: no string per field.
 */
function number(text: string, from: number, to: number, decimals = 0): number {
  let value = 0;
  if (to - from + 1 > EXACT_DIGITS) value = Number(field(text, from, to));
  else for (let at = from - 1; at < to; at++) value = value * 10 + text.charCodeAt(at) - 48;
  return decimals === 0 ? value : value / 10 ** decimals;
}

/** The first field that breaks the layout, for a message a person can act on. */
function diagnose(text: string): string {
  if (text.length !== RECORD_LENGTH)
    return `a quote record is ${RECORD_LENGTH} characters long, this line has ${text.length}`;
  for (const [name, from, to, rule] of FIELDS) {
    const value = field(text, from, to);
    if (!rule.test(value))
      return `${name} at positions ${from}–${to} is ${JSON.stringify(value)}, which the layout does not allow`;
  }
  return "the record does not follow the COTAHIST layout";
}

function dateField(digits: string, name: string): string {
  const date = isoDate(digits);
  if (!date) throw new BadLine(`${name} ${JSON.stringify(digits)} is not a date (AAAAMMDD)`);
  return date;
}

/**
 * Parse a quote record (TIPREG 01) into a DailyQuote; throws BadLine naming the first field that is wrong.
 * @example parseDailyQuote(line).close // 46.85
 */
export function parseDailyQuote(text: string): DailyQuote {
  if (!RECORD.test(text)) throw new BadLine(diagnose(text));
  const ticker = field(text, 13, 24).trim();
  if (ticker === "") throw new BadLine("CODNEG (ticker) at positions 13–24 is blank");
  const expiry = field(text, 203, 210);
  return {
    date: dateField(field(text, 3, 10), "DATA"),
    bdi: field(text, 11, 12),
    ticker,
    market: number(text, 25, 27),
    term: field(text, 50, 52).trim(),
    issuer: field(text, 28, 39).trim(),
    shareType: field(text, 40, 49).trim(),
    currency: field(text, 53, 56).trim(),
    open: number(text, 57, 69, 2),
    high: number(text, 70, 82, 2),
    low: number(text, 83, 95, 2),
    average: number(text, 96, 108, 2),
    close: number(text, 109, 121, 2),
    bestBid: number(text, 122, 134, 2),
    bestAsk: number(text, 135, 147, 2),
    trades: number(text, 148, 152),
    quantity: number(text, 153, 170),
    volume: number(text, 171, 188, 2),
    strike: number(text, 189, 201, 2),
    strikeCorrection: field(text, 202, 202).trim(),
    expiry: expiry === NO_EXPIRY ? null : dateField(expiry, "DATVEN"),
    factor: number(text, 211, 217),
    strikePoints: number(text, 218, 230, 6),
    isin: field(text, 231, 242).trim(),
    distribution: field(text, 243, 245).trim(),
  };
}

/**
 * Reads one COTAHIST file line by line: header `00` first, quote records `01` (each a DailyQuote),
 * trailer `99` whose count (header and trailer included) must match what was read.
 * @example const parser = new CotahistParser("COTAHIST_A2024.TXT"); parser.line(text, 2); … parser.finish();
 */
export class CotahistParser implements LineParser {
  #records = 0;
  #trailer: { count: number; line: number } | undefined;

  constructor(private readonly name: string) {}

  /** A daily quote, or undefined for the header, the trailer and blank lines. */
  line(text: string, lineNo: number): ParsedLine | undefined {
    if (text.trim() === "") return undefined;
    if (this.#trailer) throw new BadLine(`a record after the trailer (line ${this.#trailer.line})`);
    this.#records++;
    const type = text.slice(0, 2);
    if (type === "01") return { kind: "dailyQuote", dailyQuote: parseDailyQuote(text) };
    if (type === "00") {
      if (lineNo === 1) return undefined;
      throw new BadLine("a second header record (00)");
    }
    if (type === "99") {
      const count = text.slice(31, 42);
      if (!/^\d{11}$/.test(count))
        throw new ImportFailure(`${this.name}: the trailer (line ${lineNo}) has no record count at positions 32–42`);
      this.#trailer = { count: Number(count), line: lineNo };
      return undefined;
    }
    throw new BadLine(`record type ${JSON.stringify(type)} is not 00 (header), 01 (quote) or 99 (trailer)`);
  }

  /** Check the trailer once the file has been read. */
  finish(): void {
    const trailer = this.#trailer;
    if (!trailer)
      throw new ImportFailure(`${this.name}: the file ends without its trailer record (99): it looks truncated`);
    if (trailer.count !== this.#records)
      throw new ImportFailure(
        `${this.name}: the trailer (line ${trailer.line}) says the file has ${trailer.count} records, header and trailer included, but it has ${this.#records}: the file is incomplete or was altered`,
      );
  }
}
