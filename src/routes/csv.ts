/** A CSV cell: text, a number (written with a decimal point, as JavaScript prints it), or empty. */
export type CsvValue = string | number | null;

/** A field that must be quoted (RFC 4180): it holds a comma, a double quote, CR or LF. */
const NEEDS_QUOTES = /[",\r\n]/;

const field = (value: CsvValue): string => {
  if (value === null) return "";
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/**
 * One CSV record as RFC 4180 writes it: fields quoted only where needed, quotes doubled, CRLF at the end.
 * @example csvLine(["AAPL", 151.25, 'say "hi", then go', null]) // 'AAPL,151.25,"say ""hi"", then go",\r\n'
 */
export const csvLine = (values: readonly CsvValue[]): string => `${values.map(field).join(",")}\r\n`;
