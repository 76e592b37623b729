import type { SymbolLinks } from "../views/portfolio-page.ts";

/**
 * Where each of `symbols` links: `/s/…` when the engine quotes it, `/quotes/…` when B3 quotes or
 * trades were imported for it; a symbol with neither page is left out (shown as plain text).
 * @example holdingLinks(["AAPL", "KO"], engine.symbols, imported) // Map { "AAPL" => "/s/AAPL" }
 */
export function holdingLinks(
  symbols: Iterable<string>,
  quoted: ReadonlySet<string>,
  imported: { has(symbol: string): boolean },
): SymbolLinks {
  const links = new Map<string, string>();
  for (const symbol of symbols) {
    if (quoted.has(symbol)) links.set(symbol, `/s/${encodeURIComponent(symbol)}`);
    else if (imported.has(symbol)) links.set(symbol, `/quotes/${encodeURIComponent(symbol)}`);
  }
  return links;
}
