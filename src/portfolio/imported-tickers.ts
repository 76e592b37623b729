import type { Importer } from "../b3/importer.ts";
import type { QuoteQueries } from "../b3/quote-queries.ts";
import type { Logger } from "../log.ts";
import type { Portfolio } from "./metrics.ts";
import type { PortfolioBook } from "./portfolio-book.ts";

/** What `/quotes/:ticker` accepts: a B3 ticker. */
const B3_TICKER = /^[A-Z0-9]{1,12}$/;

const symbolsOf = (portfolios: (Portfolio | undefined)[]): string[] =>
  portfolios.flatMap((p) => p?.holdings.map((h) => h.symbol) ?? []);

/**
 * Which held symbols have imported B3 quotes or trades, known in memory so a page asks no
 * database. A symbol is looked up once when a portfolio first holds it, and again (with every
 * other) when an import finishes; one lookup runs at a time, in the background.
 * @example const stop = tickers.follow(portfolios, imports); … tickers.has("PETR4")
 */
export class ImportedTickers {
  readonly #known = new Set<string>();
  readonly #lookedUp = new Set<string>();
  readonly #queue = new Set<string>();
  #running: Promise<void> | undefined;
  #version = 0;

  constructor(
    private readonly quotes: Pick<QuoteQueries, "daily" | "tradeDays">,
    private readonly log: Logger,
  ) {}

  has(symbol: string): boolean {
    return this.#known.has(symbol);
  }

  /** Changes whenever a ticker is found or lost: what a rendered page is cached against. */
  get version(): number {
    return this.#version;
  }

  /**
   * Look up every symbol the portfolios hold now, each one a portfolio comes to hold, and all of
   * them again when an import finishes; returns the function that stops following.
   */
  follow(portfolios: Pick<PortfolioBook, "all" | "get" | "onChange">, imports: Pick<Importer, "onEvent">): () => void {
    this.lookUp(symbolsOf(portfolios.all()));
    const stopPortfolios = portfolios.onChange((slugs) =>
      this.lookUp(symbolsOf([...slugs].map((slug) => portfolios.get(slug)))),
    );
    const stopImports = imports.onEvent((event) => {
      if (event.kind === "finished") this.lookUpAgain(symbolsOf(portfolios.all()));
    });
    return () => {
      stopPortfolios();
      stopImports();
    };
  }

  /** Look up the symbols not looked up yet. */
  lookUp(symbols: Iterable<string>): void {
    for (const symbol of symbols) {
      if (this.#lookedUp.has(symbol) || !B3_TICKER.test(symbol)) continue;
      this.#lookedUp.add(symbol);
      this.#queue.add(symbol);
    }
    this.#running ??= this.#run();
  }

  /** Look every symbol up again: an import finished, its tickers may be new. */
  lookUpAgain(symbols: Iterable<string>): void {
    this.#lookedUp.clear();
    this.lookUp(symbols);
  }

  async #run(): Promise<void> {
    await Promise.resolve(); // `#running` is set before the queue can run dry and clear it
    for (const symbol of this.#queue) {
      this.#queue.delete(symbol);
      try {
        this.#set(symbol, await this.#imported(symbol));
      } catch (error) {
        this.#lookedUp.delete(symbol);
        this.log.warn("cannot tell whether a ticker has imported quotes", { symbol, error });
      }
    }
    this.#running = undefined;
  }

  async #imported(ticker: string): Promise<boolean> {
    return (await this.quotes.daily(ticker, 1)).length > 0 || (await this.quotes.tradeDays(ticker, 1)).length > 0;
  }

  #set(symbol: string, imported: boolean): void {
    if (imported === this.#known.has(symbol)) return;
    if (imported) this.#known.add(symbol);
    else this.#known.delete(symbol);
    this.#version++;
  }
}
