/** A section's figures against their baselines and targets: built, printed as a table, kept as JSON. */
import { printTable, whole } from "./report.ts";

/** One figure of the real server next to the same figure of the baseline, and whether it meets its target. */
export interface Verdict {
  figure: string;
  /** Printed after the numbers: "/s", " ms", " KB", "%" or "". */
  unit: string;
  value: number;
  baseline: number;
  /** `value ÷ baseline`. */
  ratio: number;
  /** `ratio ≥ 0.9`, `value ≤ 25`…; empty for a figure given for information. */
  target: string;
  met: boolean | undefined;
}

type Bound = { at: "least" | "most"; of: number };

const holds = (n: number, { at, of }: Bound) => (at === "least" ? n >= of : n <= of);
const sign = ({ at }: Bound) => (at === "least" ? "≥" : "≤");

/**
 * A figure whose target is a ratio to the baseline.
 * @example relative("events/s", "/s", 27_000, 30_000, { at: "least", of: 0.9 }) // met: true
 */
export function relative(figure: string, unit: string, value: number, baseline: number, bound: Bound): Verdict {
  const ratio = value / baseline;
  return {
    figure,
    unit,
    value,
    baseline,
    ratio,
    target: `${sign(bound)} ${bound.of}× baseline`,
    met: holds(ratio, bound),
  };
}

/**
 * A figure whose target is an absolute bound on the real server's value.
 * @example absolute("p99", " ms", 12.3, 4.1, { at: "most", of: 20 }) // met: true
 */
export function absolute(figure: string, unit: string, value: number, baseline: number, bound: Bound): Verdict {
  return {
    figure,
    unit,
    value,
    baseline,
    ratio: value / baseline,
    target: `${sign(bound)} ${whole(bound.of)}${unit}`,
    met: holds(value, bound),
  };
}

/** A figure given for information, with no target. */
export const informative = (figure: string, unit: string, value: number, baseline: number): Verdict => ({
  figure,
  unit,
  value,
  baseline,
  ratio: value / baseline,
  target: "",
  met: undefined,
});

/** Other processes' CPU, in cores, past which a measurement is flagged as disturbed. */
const NOISY_CPU = 0.15;

/**
 * A note when other processes took a noticeable share of the cores during any of the measurements
 * (`otherCpu`, in cores), since every figure then reflects them too; none otherwise.
 * @example notes.push(...noiseNote([server.otherCpu, baseline.otherCpu]));
 */
export function noiseNote(otherCpu: number[]): string[] {
  const worst = Math.max(...otherCpu);
  if (!(worst > NOISY_CPU)) return [];
  return [
    `WARNING: other processes took up to ${Math.round(worst * 100)}% of a core during these measurements: ` +
      "the figures are disturbed, run again on a quiet machine",
  ];
}

/** A number with up to one decimal below 100, whole above, then its unit. */
const show = (n: number, unit: string) =>
  `${Number.isFinite(n) ? (Math.abs(n) < 100 && !Number.isInteger(n) ? n.toFixed(1) : whole(n)) : "–"}${unit}`;

const showRatio = (ratio: number) => (Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : "–");

/** Print verdicts as a table: figure, real server, baseline, ratio, target, met?. */
export function printVerdicts(title: string, baselineName: string, verdicts: Verdict[], notes: string[] = []): void {
  printTable(
    title,
    ["figure", "server", baselineName, "ratio", "target", "met?"],
    verdicts.map((v) => [
      v.figure,
      show(v.value, v.unit),
      show(v.baseline, v.unit),
      showRatio(v.ratio),
      v.target,
      v.met === undefined ? "" : v.met ? "yes" : "NO",
    ]),
    notes,
  );
}
