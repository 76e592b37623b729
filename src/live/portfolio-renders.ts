import type { Market } from "../engine/market.ts";
import type { ImportedTickers } from "../portfolio/imported-tickers.ts";
import { type Portfolio, portfolioMetrics } from "../portfolio/metrics.ts";
import type { PortfolioBook } from "../portfolio/portfolio-book.ts";
import { portfolioLiveUpdate, type SymbolLinks } from "../views/portfolio-page.ts";
import { holdingLinks } from "./holding-links.ts";

export interface PortfolioRendersDeps {
  portfolios: Pick<PortfolioBook, "get">;
  market: Pick<Market, "symbols" | "price">;
  imported: Pick<ImportedTickers, "has" | "version">;
}

interface Rendered {
  portfolio: Portfolio;
  prices: string;
  links: number;
  html: string;
}

/**
 * What `/p/:slug` shows of a portfolio: where its holdings link, and its live part rendered once
 * per version of the portfolio, its prices and its links, for every watcher.
 * @example const renders = new PortfolioRenders({ portfolios, market, imported }); out.write(renders.live("alice"));
 */
export class PortfolioRenders {
  readonly #rendered = new Map<string, Rendered>();

  constructor(private readonly deps: PortfolioRendersDeps) {}

  /** `/s/…` for a symbol the market quotes, `/quotes/…` for one with imported B3 quotes. */
  links(portfolio: Portfolio): SymbolLinks {
    const symbols = portfolio.holdings.map((h) => h.symbol);
    return holdingLinks(symbols, this.deps.market.symbols, this.deps.imported);
  }

  /** The live part of the portfolio `slug` as an htmx partial; "" once it is no longer public. */
  live(slug: string): string {
    const { portfolios, market, imported } = this.deps;
    const portfolio = portfolios.get(slug);
    if (!portfolio) {
      this.#rendered.delete(slug);
      return "";
    }
    const prices = portfolio.holdings.map((h) => market.price(h.symbol)).join();
    const links = imported.version;
    const cached = this.#rendered.get(slug);
    if (cached?.portfolio === portfolio && cached.prices === prices && cached.links === links) return cached.html;
    const html = String(portfolioLiveUpdate(portfolioMetrics(portfolio, market.price), this.links(portfolio)));
    this.#rendered.set(slug, { portfolio, prices, links, html });
    return html;
  }
}
