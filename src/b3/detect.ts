/** The formats the importer reads; a zip holds one or more of the other two. */
export type FileFormat = "cotahist" | "negocios" | "zip";
/** What the first bytes of a file say it is. */
export type DetectedFormat = FileFormat | "empty" | "unknown";

/** How many bytes `detectFormat` wants to see. */
export const HEAD_BYTES = 512;

const EXPECTED =
  'expected a COTAHIST file (first line "00COTAHIST…"), a NEGOCIOSAVISTA trades CSV (header "DataReferencia;CodigoInstrumento;…") or a .zip holding them';
const latin1 = new TextDecoder("latin1");

const startsWithBytes = (head: Uint8Array, bytes: readonly number[]): boolean => bytes.every((b, i) => head[i] === b);
const withoutBom = (head: Uint8Array): Uint8Array =>
  startsWithBytes(head, [0xef, 0xbb, 0xbf]) ? head.subarray(3) : head;

/**
 * Tell the format from the content, never from the file name.
 * @example detectFormat(await Bun.file(path).slice(0, HEAD_BYTES).bytes()) // "cotahist"
 */
export function detectFormat(head: Uint8Array): DetectedFormat {
  if (startsWithBytes(head, [0x50, 0x4b, 0x03, 0x04]) || startsWithBytes(head, [0x50, 0x4b, 0x05, 0x06])) return "zip";
  const text = latin1.decode(withoutBom(head));
  if (text.trim() === "") return head.length < HEAD_BYTES ? "empty" : "unknown";
  if (text.startsWith("00COTAHIST")) return "cotahist";
  if (/^datareferencia(;|\r|\n|$)/i.test(text)) return "negocios";
  return "unknown";
}

/** Why a file (or a zip entry) called `name` cannot be imported, and what would be. */
export function refusal(name: string, format: "empty" | "unknown", head: Uint8Array): string {
  if (format === "empty") return `${name} is empty: ${EXPECTED}`;
  const start =
    latin1
      .decode(withoutBom(head).subarray(0, 40))
      .split(/\r|\n/)[0]
      ?.replace(/\p{Cc}/gu, "?") ?? "";
  return `${name} is not a file this importer reads: ${EXPECTED}; it starts with ${JSON.stringify(start)}`;
}
