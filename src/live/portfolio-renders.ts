import type { FeedHealth } from "../engine/feed-health.ts";
import type { Market } from "../engine/market.ts";
import { memoByVersion } from "../memo.ts";
import type { ImportedTickers } from "../portfolio/imported-tickers.ts";
import { type Portfolio, portfolioMetrics } from "../portfolio/metrics.ts";
import type { PortfolioBook } from "../portfolio/portfolio-book.ts";
import { portfolioLiveUpdate, portfolioPage, type SymbolLinks } from "../views/portfolio-page.ts";
import { holdingLinks } from "./holding-links.ts";

export interface PortfolioRendersDeps {
  portfolios: Pick<PortfolioBook, "get">;
  market: Pick<Market, "symbols" | "price">;
  imported: Pick<ImportedTickers, "has" | "version">;
}

/**
 * What `/p/:slug` shows of a portfolio: its page and its live part, each rendered once per version
 * of the portfolio, its prices and its links (and the feed, for the page), for every visitor.
 * @example const renders = new PortfolioRenders({ portfolios, market, imported }); c.html(renders.page(p, feed));
 */
export class PortfolioRenders {
  readonly #live = memoByVersion<string>();
  readonly #pages = memoByVersion<string>();

  constructor(private readonly deps: PortfolioRendersDeps) {}

  /** `/s/…` for a symbol the market quotes, `/quotes/…` for one with imported B3 quotes. */
  links(portfolio: Portfolio): SymbolLinks {
    const symbols = portfolio.holdings.map((h) => h.symbol);
    return holdingLinks(symbols, this.deps.market.symbols, this.deps.imported);
  }

  /** The live part of the portfolio `slug` as an htmx partial; "" once it is no longer public. */
  live(slug: string): string {
    const portfolio = this.deps.portfolios.get(slug);
    if (!portfolio) return "";
    return this.#live(slug, this.#version(portfolio), () =>
      String(portfolioLiveUpdate(portfolioMetrics(portfolio, this.deps.market.price), this.links(portfolio))),
    );
  }

  /** The whole page of `portfolio`. */
  page(portfolio: Portfolio, feed: FeedHealth): string {
    return this.#pages(portfolio.slug, [...this.#version(portfolio), feed], () =>
      String(portfolioPage(portfolioMetrics(portfolio, this.deps.market.price), this.links(portfolio), feed)),
    );
  }

  /** What the rendering of `portfolio` depends on. */
  #version(portfolio: Portfolio): unknown[] {
    const prices = portfolio.holdings.map((h) => this.deps.market.price(h.symbol)).join();
    return [portfolio, prices, this.deps.imported.version];
  }
}
