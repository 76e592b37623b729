import type { DailyQuote } from "./daily-quote.ts";
import type { Trade, TradeKey } from "./trade.ts";

/** What a parsed line asks the importer to do. */
export type ParsedLine =
  | { kind: "dailyQuote"; dailyQuote: DailyQuote }
  | { kind: "trade"; trade: Trade }
  | { kind: "cancel"; key: TradeKey };

/** A line that cannot be imported; the import goes on and reports it. */
export class BadLine extends Error {}

/**
 * Reads one B3 file line by line (`CotahistParser`, `NegociosParser`). `line` answers what the
 * line asks for (undefined for a header, a trailer or a blank line) or throws BadLine; `line`
 * and `finish` throw ImportFailure for a problem with the whole file.
 * @example const parsed = parser.line(text, lineNo); … parser.finish();
 */
export interface LineParser {
  line(text: string, lineNo: number): ParsedLine | undefined;
  /** Check the file once it has been read. */
  finish(): void;
}
