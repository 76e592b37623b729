import { basename } from "node:path";
import { parseArgs } from "node:util";
import { writeCotahist } from "./generate-b3/cotahist.ts";
import { negociosText } from "./generate-b3/negocios.ts";
import { zipOf } from "./generate-b3/zip.ts";

/**
 * Synthetic B3 files, for tests and measurements:
 *   bun scripts/generate-b3.ts cotahist --records 2000000 --out /tmp/COTAHIST_A2024.TXT [--zip]
 *     [--per-day 8000] [--shuffle] [--lf] [--blank-last-line] [--bad-lines 5,9] [--trailer-count N]
 *   bun scripts/generate-b3.ts negocios --trades 1000 --out /tmp/NEGOCIOSAVISTA.txt [--columns 12] [--bom] [--zip]
 * With --zip the file is written, then zipped next to it (`<out>.zip`).
 */
const { positionals, values } = parseArgs({
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
  },
});
const [kind] = positionals;
const out = values.out;
if ((kind !== "cotahist" && kind !== "negocios") || !out) {
  console.error("usage: bun scripts/generate-b3.ts cotahist|negocios --out PATH [options] (see the comment at the top of this file)");
  process.exit(2);
}
const numbers = (text: string | undefined) => (text ? text.split(",").map(Number) : []);
const eol = values.lf ? "\n" : "\r\n";
const started = performance.now();
if (kind === "cotahist") {
  await writeCotahist(out, {
    records: Number(values.records),
    perDay: values["per-day"] ? Number(values["per-day"]) : undefined,
    eol,
    blankLastLine: values["blank-last-line"],
    badLines: numbers(values["bad-lines"]),
    trailerCount: values["trailer-count"] ? Number(values["trailer-count"]) : undefined,
    shuffle: values.shuffle,
  });
} else {
  await Bun.write(out, negociosText({ trades: Number(values.trades), columns: values.columns === "12" ? 12 : 11, bom: values.bom, eol, badLines: numbers(values["bad-lines"]) }));
}
if (values.zip) await Bun.write(`${out}.zip`, zipOf([{ name: basename(out), data: await Bun.file(out).bytes() }]));
console.log(JSON.stringify({ out: values.zip ? `${out}.zip` : out, bytes: Bun.file(values.zip ? `${out}.zip` : out).size, ms: Math.round(performance.now() - started) }));
