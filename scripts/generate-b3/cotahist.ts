/** Synthetic COTAHIST files in B3's layout (see ../../test/fixtures/b3 and shared COTAHIST.md). */

export interface CotahistOptions {
  /** Quote records (TIPREG 01). */
  records: number;
  /** The first trading day, `YYYY-MM-DD`; weekends are skipped. */
  startDate?: string;
  /** Records per trading day. */
  perDay?: number;
  eol?: "\r\n" | "\n";
  /** End the file with an empty line. */
  blankLastLine?: boolean;
  /** Physical line numbers (the header is line 1) whose record is broken. */
  badLines?: readonly number[];
  /** What the trailer claims; the right count is records + 2. */
  trailerCount?: number;
  /** NOMRES of every record, e.g. with accents to check the encoding. */
  issuer?: string;
  /** List each day's records in random order, as B3 does (else in ticker order). */
  shuffle?: boolean;
}

const pad = (value: string | number, width: number, fill = "0") => String(value).padStart(width, fill).slice(-width);
const text = (value: string, width: number) => value.padEnd(width, " ").slice(0, width);
const cents = (price: number, width = 13) => pad(Math.round(price * 100), width);

/** A deterministic pseudo-random sequence (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function* tradingDays(start: string): Generator<string> {
  const day = new Date(`${start}T00:00:00Z`);
  for (;;) {
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) yield day.toISOString().slice(0, 10).replaceAll("-", "");
    day.setUTCDate(day.getUTCDate() + 1);
  }
}

/** The ticker of the i-th record of a day: `G000004`…, every tenth one on the term market. */
export const generatedTicker = (i: number): string => `G${i.toString(36).toUpperCase().padStart(5, "0")}4`;

/** One quote record, 245 characters. */
export function quoteRecord(date: string, i: number, next: () => number, issuer: string): string {
  const term = i % 10 === 9;
  const open = 5 + next() * 95;
  const close = open * (0.95 + next() * 0.1);
  const high = Math.max(open, close) * (1 + next() * 0.03);
  const low = Math.min(open, close) * (1 - next() * 0.03);
  const trades = 1 + Math.floor(next() * 5000);
  const quantity = 100 * (1 + Math.floor(next() * 20000));
  return [
    "01",
    date,
    "02",
    text(generatedTicker(i), 12),
    term ? "030" : "010",
    text(issuer, 12),
    text("PN", 10),
    term ? "030" : "   ",
    text("R$", 4),
    cents(open),
    cents(high),
    cents(low),
    cents((open + close) / 2),
    cents(close),
    cents(close),
    cents(close * 1.001),
    pad(trades, 5),
    pad(quantity, 18),
    cents(quantity * ((open + close) / 2), 18),
    cents(0),
    "0",
    "99991231",
    pad(1, 7),
    pad(0, 13),
    text("BRGENACNPR01", 12),
    pad(100 + (i % 900), 3),
  ].join("");
}

const BROKEN = [
  (line: string) => line.slice(0, 120), // truncated
  (line: string) => `${line.slice(0, 56)}00000000A4670${line.slice(69)}`, // a letter in PREABE
  (line: string) => `01${"20241332"}${line.slice(10)}`, // no 13th month
];

/**
 * The file's lines (without line ends): header, records, trailer, maybe a blank last line.
 * @example for (const line of cotahistLines({ records: 3 })) …
 */
export function* cotahistLines(options: CotahistOptions): Generator<string> {
  const { records, perDay = 8000, badLines = [], issuer = "GENERATED SA" } = options;
  const days = tradingDays(options.startDate ?? "2024-01-02");
  const first = days.next().value as string;
  const bad = new Set(badLines);
  const next = random(42);
  const head = `COTAHIST.${first.slice(0, 4)}BOVESPA ${first}`;
  yield text(`00${head}`, 245);
  let lineNo = 1;
  for (let start = 0, date = first; start < records; start += perDay, date = days.next().value as string) {
    const day = Array.from({ length: Math.min(perDay, records - start) }, (_, i) => quoteRecord(date, i, next, issuer));
    if (options.shuffle)
      for (let i = day.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [day[i], day[j]] = [day[j]!, day[i]!];
      }
    for (const line of day) {
      lineNo++;
      yield bad.has(lineNo) ? BROKEN[lineNo % BROKEN.length]!(line) : line;
    }
  }
  yield text(`99${head}${pad(options.trailerCount ?? records + 2, 11)}`, 245);
  if (options.blankLastLine) yield "";
}

/** The whole file as text (small files, for tests); encode it as ISO-8859-1 to write it. */
export const cotahistText = (options: CotahistOptions): string => {
  const eol = options.eol ?? "\r\n";
  return [...cotahistLines(options)].map((line) => line + eol).join("");
};

/** Write a COTAHIST file of any size to `path` in ISO-8859-1, streaming (memory stays flat). */
export async function writeCotahist(path: string, options: CotahistOptions): Promise<void> {
  const eol = options.eol ?? "\r\n";
  const writer = Bun.file(path).writer();
  let text = "";
  for (const line of cotahistLines(options)) {
    text += line + eol;
    if (text.length >= 1 << 20) {
      writer.write(Buffer.from(text, "latin1"));
      await writer.flush();
      text = "";
    }
  }
  writer.write(Buffer.from(text, "latin1"));
  await writer.end();
}
