import type { DailyQuote } from "./daily-quote.ts";
import { isoDate } from "./dates.ts";
import { ImportFailure } from "./import-failure.ts";
import { BadLine, type LineParser, type ParsedLine } from "./line-parser.ts";

/** Where each field the parser reads is: positions 1-based and inclusive, as in B3's layout (see COTAHIST.md). */
const AT = {
  date: [3, 10],
  bdi: [11, 12],
  ticker: [13, 24],
  market: [25, 27],
  issuer: [28, 39],
  shareType: [40, 49],
  term: [50, 52],
  currency: [53, 56],
  open: [57, 69],
  high: [70, 82],
  low: [83, 95],
  average: [96, 108],
  close: [109, 121],
  bestBid: [122, 134],
  bestAsk: [135, 147],
  trades: [148, 152],
  quantity: [153, 170],
  volume: [171, 188],
  strike: [189, 201],
  strikeCorrection: [202, 202],
  expiry: [203, 210],
  factor: [211, 217],
  strikePoints: [218, 230],
  isin: [231, 242],
  distribution: [243, 245],
} as const;

type Span = readonly [from: number, to: number];

/** A quote record's fields in order, each with B3's name, its span and what its text may be. */
const FIELDS: readonly (readonly [string, Span, RegExp])[] = [
  ["TIPREG", [1, 2], /^01$/],
  ["DATA (trading day)", AT.date, /^\d{8}$/],
  ["CODBDI", AT.bdi, /^.{2}$/],
  ["CODNEG (ticker)", AT.ticker, /^.{12}$/],
  ["TPMERC (market)", AT.market, /^\d{3}$/],
  ["NOMRES", AT.issuer, /^.{12}$/],
  ["ESPECI", AT.shareType, /^.{10}$/],
  ["PRAZOT (term)", AT.term, /^[\d ]{3}$/],
  ["MODREF", AT.currency, /^.{4}$/],
  ["PREABE (open)", AT.open, /^\d{13}$/],
  ["PREMAX (high)", AT.high, /^\d{13}$/],
  ["PREMIN (low)", AT.low, /^\d{13}$/],
  ["PREMED (average)", AT.average, /^\d{13}$/],
  ["PREULT (close)", AT.close, /^\d{13}$/],
  ["PREOFC (best bid)", AT.bestBid, /^\d{13}$/],
  ["PREOFV (best ask)", AT.bestAsk, /^\d{13}$/],
  ["TOTNEG (trades)", AT.trades, /^\d{5}$/],
  ["QUATOT (quantity)", AT.quantity, /^\d{18}$/],
  ["VOLTOT (volume)", AT.volume, /^\d{18}$/],
  ["PREEXE (strike)", AT.strike, /^\d{13}$/],
  ["INDOPC", AT.strikeCorrection, /^.$/],
  ["DATVEN (expiry)", AT.expiry, /^\d{8}$/],
  ["FATCOT (quotation factor)", AT.factor, /^\d{7}$/],
  ["PTOEXE (strike in points)", AT.strikePoints, /^\d{13}$/],
  ["CODISI (ISIN)", AT.isin, /^.{12}$/],
  ["DISMES", AT.distribution, /^.{3}$/],
];

const RECORD_LENGTH = 245;
/** The whole record's shape in one test: one regex per line is much cheaper than one per field, and without captures it allocates nothing. */
const RECORD = new RegExp(`^${FIELDS.map(([, , rule]) => rule.source.slice(1, -1)).join("")}$`);
const NO_EXPIRY = "99991231";
/** Up to 15 digits, a number is exact when read digit by digit. */
const EXACT_DIGITS = 15;

/** The text of the field at `span`. */
const field = (text: string, span: Span): string => text.slice(span[0] - 1, span[1]);

/**
 * The integer in the digits at `span` with `decimals` implied decimals: `"0000000004670"` with 2 is 46.7.
 * Read from the characters themselves: no string per field.
 */
function number(text: string, span: Span, decimals = 0): number {
  const from = span[0];
  const to = span[1];
  let value = 0;
  if (to - from + 1 > EXACT_DIGITS) value = Number(field(text, span));
  else for (let at = from - 1; at < to; at++) value = value * 10 + text.charCodeAt(at) - 48;
  return decimals === 0 ? value : value / 10 ** decimals;
}

/** The first field that breaks the layout, for a message a person can act on. */
function diagnose(text: string): string {
  if (text.length !== RECORD_LENGTH)
    return `a quote record is ${RECORD_LENGTH} characters long, this line has ${text.length}`;
  for (const [name, span, rule] of FIELDS) {
    const value = field(text, span);
    const [from, to] = span;
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
  const ticker = field(text, AT.ticker).trim();
  if (ticker === "") throw new BadLine("CODNEG (ticker) at positions 13–24 is blank");
  const expiry = field(text, AT.expiry);
  return {
    date: dateField(field(text, AT.date), "DATA"),
    bdi: field(text, AT.bdi),
    ticker,
    market: number(text, AT.market),
    term: field(text, AT.term).trim(),
    issuer: field(text, AT.issuer).trim(),
    shareType: field(text, AT.shareType).trim(),
    currency: field(text, AT.currency).trim(),
    open: number(text, AT.open, 2),
    high: number(text, AT.high, 2),
    low: number(text, AT.low, 2),
    average: number(text, AT.average, 2),
    close: number(text, AT.close, 2),
    bestBid: number(text, AT.bestBid, 2),
    bestAsk: number(text, AT.bestAsk, 2),
    trades: number(text, AT.trades),
    quantity: number(text, AT.quantity),
    volume: number(text, AT.volume, 2),
    strike: number(text, AT.strike, 2),
    strikeCorrection: field(text, AT.strikeCorrection).trim(),
    expiry: expiry === NO_EXPIRY ? null : dateField(expiry, "DATVEN"),
    factor: number(text, AT.factor),
    strikePoints: number(text, AT.strikePoints, 6),
    isin: field(text, AT.isin).trim(),
    distribution: field(text, AT.distribution).trim(),
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
