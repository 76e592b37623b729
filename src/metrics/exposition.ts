/** Label names and values of one sample. */
export type Labels = Readonly<Record<string, string>>;

/** One metric family: its samples, each with its labels (a histogram's carry `le`, and `_bucket`/`_sum`/`_count`). */
export interface Family {
  name: string;
  help: string;
  type: "counter" | "gauge" | "histogram";
  samples: readonly Sample[];
}

export interface Sample {
  /** Appended to the family name: `_bucket`, `_sum`, `_count` for histograms; none otherwise. */
  suffix?: string;
  labels?: Labels;
  value: number;
}

/**
 * A family of one sample without labels.
 * @example scalar("tickertape_ticks_emitted_total", "Ticks emitted by the price engine.", "counter", 42);
 */
export const scalar = (name: string, help: string, type: Family["type"], value: number): Family => ({
  name,
  help,
  type,
  samples: [{ value }],
});

/** The content type of the Prometheus text exposition format this module writes. */
export const EXPOSITION_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

/**
 * Families as Prometheus text exposition format 0.0.4: `# HELP`, `# TYPE`, then one line per sample.
 * @example exposition([{ name: "up", help: "Up.", type: "gauge", samples: [{ value: 1 }] }]);
 */
export function exposition(families: readonly Family[]): string {
  const lines: string[] = [];
  for (const family of families) {
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`, `# TYPE ${family.name} ${family.type}`);
    for (const sample of family.samples)
      lines.push(`${family.name}${sample.suffix ?? ""}${labelText(sample.labels)} ${numberText(sample.value)}`);
  }
  return `${lines.join("\n")}\n`;
}

const labelText = (labels: Labels | undefined): string => {
  const entries = Object.entries(labels ?? {});
  if (entries.length === 0) return "";
  return `{${entries.map(([name, value]) => `${name}="${escapeLabel(value)}"`).join(",")}}`;
};

const escapeHelp = (text: string): string => text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
const escapeLabel = (text: string): string => escapeHelp(text).replace(/"/g, '\\"');

const numberText = (value: number): string => {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "+Inf";
  if (value === Number.NEGATIVE_INFINITY) return "-Inf";
  return String(value);
};
