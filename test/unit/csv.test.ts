import { describe, expect, test } from "bun:test";
import { csvLine } from "../../src/routes/csv.ts";

describe("csvLine", () => {
  test("plain fields as they are, numbers with a decimal point, null empty, CRLF at the end", () => {
    expect(csvLine(["AAPL", 151.25, -0.5, 1700000001000, null, ""])).toBe("AAPL,151.25,-0.5,1700000001000,,\r\n");
  });

  test("a field holding a comma, a quote, CR or LF is quoted, its quotes doubled (RFC 4180)", () => {
    expect(csvLine(["a,b", 'say "hi"', "two\r\nlines", "cr\r", "lf\n"])).toBe(
      '"a,b","say ""hi""","two\r\nlines","cr\r","lf\n"\r\n',
    );
  });
});
