import type { Labels, Sample } from "./exposition.ts";

/**
 * Observations counted into buckets with fixed upper bounds; its samples are Prometheus's
 * cumulative `_bucket` lines (the last `le="+Inf"`), then `_sum` and `_count`.
 * @example const h = new Histogram([0.1, 1]); h.observe(0.3); h.samples({ route: "/" });
 */
export class Histogram {
  /** Observations per bucket, not cumulative; the last one is +Inf. */
  readonly #counts: number[];
  #sum = 0;
  #count = 0;

  constructor(readonly bounds: readonly number[]) {
    this.#counts = new Array(bounds.length + 1).fill(0);
  }

  observe(value: number): void {
    const found = this.bounds.findIndex((bound) => value <= bound);
    const bucket = found === -1 ? this.bounds.length : found;
    this.#counts[bucket] = (this.#counts[bucket] ?? 0) + 1;
    this.#sum += value;
    this.#count++;
  }

  samples(labels: Labels = {}): Sample[] {
    const samples: Sample[] = [];
    let cumulative = 0;
    this.bounds.forEach((bound, i) => {
      cumulative += this.#counts[i] ?? 0;
      samples.push({ suffix: "_bucket", labels: { ...labels, le: String(bound) }, value: cumulative });
    });
    samples.push({ suffix: "_bucket", labels: { ...labels, le: "+Inf" }, value: this.#count });
    samples.push({ suffix: "_sum", labels, value: this.#sum });
    samples.push({ suffix: "_count", labels, value: this.#count });
    return samples;
  }
}
