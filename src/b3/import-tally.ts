import type { ParsedLine } from "./line-parser.ts";

export interface DateSpan {
  from: string;
  to: string;
}

/** The trading days an import touched, per table: what a failed import must clean up. */
export interface DateSpans {
  /** Of its daily quotes (the `quotes` table). */
  dailyQuotes?: DateSpan;
  trades?: DateSpan;
}

const CASH_MARKET = 10;
const TOP = 8;

const widen = (span: DateSpan | undefined, date: string): DateSpan =>
  !span
    ? { from: date, to: date }
    : date < span.from
      ? { from: date, to: span.to }
      : date > span.to
        ? { from: span.from, to: date }
        : span;

/**
 * What an import has read, beyond the counters: its date spans, and the volume traded per
 * ticker (cash-market daily quotes, and trades), for links to the most traded ones.
 * Bounded by the number of distinct tickers, not by the file size.
 */
export class ImportTally {
  readonly spans: DateSpans = {};
  readonly #volume = new Map<string, number>();

  add(parsed: ParsedLine): void {
    if (parsed.kind === "dailyQuote") {
      const { dailyQuote } = parsed;
      this.spans.dailyQuotes = widen(this.spans.dailyQuotes, dailyQuote.date);
      if (dailyQuote.market === CASH_MARKET)
        this.#volume.set(dailyQuote.ticker, (this.#volume.get(dailyQuote.ticker) ?? 0) + dailyQuote.volume);
    } else if (parsed.kind === "trade") {
      const { trade } = parsed;
      this.spans.trades = widen(this.spans.trades, trade.tradeDate);
      this.#volume.set(trade.instrument, (this.#volume.get(trade.instrument) ?? 0) + trade.price * trade.quantity);
    }
  }

  /** The most traded tickers, by volume. */
  topTickers(): string[] {
    return [...this.#volume]
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP)
      .map(([ticker]) => ticker);
  }
}
