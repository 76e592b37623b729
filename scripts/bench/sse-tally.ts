/** What the raw-socket load client reads out of an SSE body: events counted, and tick `seq`s checked. */

const LF = 0x0a;
const D = 0x64;

/**
 * Counts SSE events (blank-line-terminated blocks with a `data:` line; comments and
 * `retry:`-only blocks are not events) in LF-framed bytes split anywhere. It jumps from line
 * end to line end with the native `indexOf`, so a long HTML `data:` line costs one call.
 * @example const tally = new SseTally(); tally.feed(payload); tally.events
 */
export class SseTally {
  events = 0;
  bytes = 0;
  #atLineStart = true;
  #blockHasData = false;

  feed(bytes: Uint8Array): void {
    this.bytes += bytes.length;
    let i = 0;
    while (i < bytes.length) {
      if (this.#atLineStart) {
        if (bytes[i] === LF) {
          if (this.#blockHasData) this.events++;
          this.#blockHasData = false;
          i++;
          continue;
        }
        // Of the SSE fields (data, event, id, retry) and comments (":"), only `data` starts with "d".
        if (bytes[i] === D) this.#blockHasData = true;
        this.#atLineStart = false;
      }
      const lf = bytes.indexOf(LF, i);
      if (lf < 0) return;
      i = lf + 1;
      this.#atLineStart = true;
    }
  }

  /** Start a new window: counts go back to zero, the parser keeps its place. */
  reset(): void {
    this.events = 0;
    this.bytes = 0;
  }
}

/** What a `TickSeqCheck` found: ticks read, and how `seq` went wrong per symbol. */
export interface SeqFindings {
  ticks: number;
  /** Places where a symbol's `seq` jumped forward, and the ticks skipped there in all. */
  gaps: number;
  missing: number;
  /** Ticks whose `seq` was not above the previous one of their symbol (repeated or out of order). */
  duplicates: number;
}

/**
 * Parses every `tick` event of one stream and checks that each symbol's `seq` goes 1 by 1, from
 * whatever it starts at. Costs a decode and a `JSON.parse` per tick: run it on a sample of streams.
 * @example const check = new TickSeqCheck(); check.feed(payload); check.findings.gaps === 0
 */
export class TickSeqCheck {
  readonly findings: SeqFindings = { ticks: 0, gaps: 0, missing: 0, duplicates: 0 };
  readonly #last = new Map<string, number>();
  readonly #decoder = new TextDecoder();
  #text = "";

  feed(bytes: Uint8Array): void {
    this.#text += this.#decoder.decode(bytes, { stream: true });
    let end = this.#text.indexOf("\n\n");
    while (end >= 0) {
      this.#event(this.#text.slice(0, end));
      this.#text = this.#text.slice(end + 2);
      end = this.#text.indexOf("\n\n");
    }
  }

  #event(block: string): void {
    const lines = block.split("\n");
    if (!lines.includes("event: tick")) return;
    const data = lines.filter((l) => l.startsWith("data:")).map((l) => l.slice(5).trimStart());
    const { symbol, seq } = JSON.parse(data.join("\n")) as { symbol: string; seq: number };
    const last = this.#last.get(symbol);
    this.findings.ticks++;
    if (last !== undefined && seq <= last) {
      this.findings.duplicates++;
      return;
    }
    if (last !== undefined && seq > last + 1) {
      this.findings.gaps++;
      this.findings.missing += seq - last - 1;
    }
    this.#last.set(symbol, seq);
  }
}
