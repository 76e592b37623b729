import { basename, extname } from "node:path";
import { parseArgs } from "node:util";
import { type CotahistOptions, cotahistText, writeCotahist } from "./generate-b3/cotahist.ts";
import { type NegociosOptions, negociosText } from "./generate-b3/negocios.ts";
import { zipOf } from "./generate-b3/zip.ts";

/** Synthetic B3 files, for tests and measurements: `bun scripts/generate-b3.ts --help` says how. */
const USAGE = `usage: bun scripts/generate-b3.ts cotahist|negocios --out PATH [options]
  cotahist --records 2000000 [--per-day 8000] [--shuffle] [--lf] [--blank-last-line] [--bad-lines 5,9]
           [--trailer-count N]
  negocios --trades 1000 [--columns 12] [--bom] [--lf] [--bad-lines 5,9]
  --zip   PATH is a zip holding the file, named after PATH without ".zip" (the file is built in memory)
  --help  print this and exit`;

function refuse(message: string): never {
  console.error(`generate-b3: ${message}\n${USAGE}`);
  process.exit(2);
}

function parse() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        out: { type: "string" },
        records: { type: "string", default: "1000" },
        trades: { type: "string", default: "1000" },
        "per-day": { type: "string" },
        lf: { type: "boolean", default: false },
        "blank-last-line": { type: "boolean", default: false },
        "bad-lines": { type: "string" },
        "trailer-count": { type: "string" },
        shuffle: { type: "boolean", default: false },
        columns: { type: "string", default: "11" },
        bom: { type: "boolean", default: false },
        zip: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    return refuse(error instanceof Error ? error.message : String(error));
  }
}

const { positionals, values } = parse();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const [kind] = positionals;
const out = values.out;
if (kind !== "cotahist" && kind !== "negocios")
  refuse(`say which file to generate: cotahist or negocios${kind ? `, not ${kind}` : ""}`);
if (!out) refuse("--out PATH is required");

const whole = (option: string, text: string): number =>
  /^\d+$/.test(text) ? Number(text) : refuse(`--${option} must be a whole number, not ${text}`);
const optionalWhole = (option: string, text: string | undefined) =>
  text === undefined ? undefined : whole(option, text);
const lineNumbers = (text: string | undefined) => (text ? text.split(",").map((n) => whole("bad-lines", n)) : []);
if (values.columns !== "11" && values.columns !== "12") refuse(`--columns must be 11 or 12, not ${values.columns}`);

const eol = values.lf ? "\n" : "\r\n";
const cotahist: CotahistOptions = {
  records: whole("records", values.records),
  perDay: optionalWhole("per-day", values["per-day"]),
  eol,
  blankLastLine: values["blank-last-line"],
  badLines: lineNumbers(values["bad-lines"]),
  trailerCount: optionalWhole("trailer-count", values["trailer-count"]),
  shuffle: values.shuffle,
};
const negocios: NegociosOptions = {
  trades: whole("trades", values.trades),
  columns: values.columns === "12" ? 12 : 11,
  bom: values.bom,
  eol,
  badLines: lineNumbers(values["bad-lines"]),
};

/** The file's name inside the zip at `zipPath`: `COTAHIST_A2024.zip` holds `COTAHIST_A2024.TXT`. */
function entryName(zipPath: string): string {
  const name = basename(zipPath).replace(/\.zip$/i, "");
  return extname(name) ? name : `${name}${kind === "cotahist" ? ".TXT" : ".txt"}`;
}

const started = performance.now();
if (values.zip) {
  const data =
    kind === "cotahist" ? Buffer.from(cotahistText(cotahist), "latin1") : Buffer.from(negociosText(negocios), "utf8");
  await Bun.write(out, zipOf([{ name: entryName(out), data }]));
} else if (kind === "cotahist") await writeCotahist(out, cotahist);
else await Bun.write(out, negociosText(negocios));
console.log(JSON.stringify({ out, bytes: Bun.file(out).size, ms: Math.round(performance.now() - started) }));
