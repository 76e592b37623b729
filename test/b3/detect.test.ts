import { describe, expect, test } from "bun:test";
import { type DetectedFormat, detectFormat, refusal } from "../../src/b3/detect.ts";
import { DEMO, TRADES, TRADES_TRUNCATED, TRADES_ZIP } from "./support.ts";

const head = async (path: string) => Bun.file(path).slice(0, 512).bytes();
const bytes = (text: string) => new Uint8Array(Buffer.from(text, "latin1"));

describe("the format comes from the content, never from the name", () => {
  test.each<[string, DetectedFormat]>([
    [DEMO, "cotahist"],
    [TRADES, "negocios"],
    [TRADES_TRUNCATED, "negocios"],
    [TRADES_ZIP, "zip"],
  ])("%s is %s", async (path, format) => {
    expect(detectFormat(await head(path))).toBe(format);
  });

  test("a trades CSV starting with a UTF-8 byte-order mark is still a trades CSV", () => {
    expect(detectFormat(bytes("\xef\xbb\xbfDataReferencia;CodigoInstrumento\n"))).toBe("negocios");
  });

  test("nothing, or only blanks, is an empty file", () => {
    expect(detectFormat(new Uint8Array())).toBe("empty");
    expect(detectFormat(bytes("\r\n  \n"))).toBe("empty");
  });

  test("anything else is refused, saying what was expected and how the file starts", () => {
    const png = bytes("\x89PNG\r\n\x1a\n....");
    expect(detectFormat(png)).toBe("unknown");
    expect(refusal("photo.TXT", "unknown", png)).toBe(
      'photo.TXT is not a file this importer reads: expected a COTAHIST file (first line "00COTAHIST…"), a NEGOCIOSAVISTA trades CSV (header "DataReferencia;CodigoInstrumento;…") or a .zip holding them; it starts with "‰PNG"',
    );
    expect(refusal("x.txt", "empty", new Uint8Array())).toStartWith("x.txt is empty: expected a COTAHIST file");
  });
});
