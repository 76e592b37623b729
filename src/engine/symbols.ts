import * as v from "valibot";

/** A symbol the engine can quote: an upper-case letter, then letters, digits or '.', 12 characters at most. */
export const SYMBOL_PATTERN = /^[A-Z][A-Z0-9.]{0,11}$/;
export const SYMBOL_RULE = "a symbol: A–Z, 0–9, '.', up to 12 characters, starting with a letter";

/**
 * A quotable symbol, as configured and as price sources send it.
 * @example v.parse(QuotedSymbol, "AAPL") // "AAPL"
 */
export const QuotedSymbol = v.pipe(v.string("a string"), v.regex(SYMBOL_PATTERN, SYMBOL_RULE));
