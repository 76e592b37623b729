import { type Html, html } from "./html.ts";

/**
 * "Download ticks: CSV · NDJSON": every stored tick of `symbol`, as files.
 * @example html`${symbolLive(props)}${tickDownloads("AAPL")}`
 */
export const tickDownloads = (symbol: string): Html => {
  const file = (format: string) => `/api/prices/${encodeURIComponent(symbol)}/ticks.${format}`;
  return html`<p class="downloads">Download ticks: <a href="${file("csv")}" download>CSV</a> · <a href="${file("ndjson")}" download>NDJSON</a></p>`;
};

/**
 * "Download quotes CSV": the imported daily quotes of `ticker`, or all of them without one.
 * @example html`${quotesDownload("PETR4")}`
 */
export const quotesDownload = (ticker?: string): Html =>
  html`<p class="downloads"><a href="/api/quotes.csv${ticker === undefined ? "" : `?ticker=${encodeURIComponent(ticker)}`}" download>Download ${ticker === undefined ? "all quotes" : "quotes"} CSV</a></p>`;
