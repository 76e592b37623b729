import { Hono } from "hono";
import type { ExportedQuote, QuoteQueries } from "../b3/quote-queries.ts";
import type { Logger } from "../log.ts";
import { csvLine } from "./csv.ts";
import { download } from "./download.ts";
import { QuotesExportQuery } from "./quotes-params.ts";
import { parseOr400 } from "./validate.ts";

/** Every field of the `quotes` table, in its order, named as the JSON API names them. */
const COLUMNS = [
  "date",
  "ticker",
  "market",
  "term",
  "bdi",
  "issuer",
  "shareType",
  "currency",
  "open",
  "high",
  "low",
  "average",
  "close",
  "bestBid",
  "bestAsk",
  "trades",
  "quantity",
  "volume",
  "strike",
  "strikeCorrection",
  "expiry",
  "factor",
  "strikePoints",
  "isin",
  "distribution",
  "importId",
] as const satisfies readonly (keyof ExportedQuote)[];

export interface QuoteExportDeps {
  quotes: Pick<QuoteQueries, "oldestFirst">;
  log: Logger;
}

/**
 * `/api/quotes.csv?ticker=&from=&to=`: the imported COTAHIST rows, every field (ISO dates, `term` in
 * days, empty outside the term market), oldest first, as a CSV file streamed a page at a time; named
 * after the filter (`quotes-PETR4-2024-01-01-now.csv`). A bad parameter is a 400 naming it.
 * @example app.route("/api", quoteExportRoutes({ quotes, log }));
 */
export function quoteExportRoutes({ quotes, log }: QuoteExportDeps): Hono {
  const app = new Hono();
  app.get("/quotes.csv", (c) => {
    const filter = parseOr400(QuotesExportQuery, c.req.query());
    return download({
      pages: quotes.oldestFirst(filter),
      head: csvLine(COLUMNS),
      line: (quote) => csvLine(COLUMNS.map((column) => quote[column])),
      contentType: "text/csv; charset=utf-8",
      fileName: `quotes-${filter.ticker ?? "all"}-${filter.from ?? "start"}-${filter.to ?? "now"}.csv`,
      onError: (error) => log.error("quote export cut short", { filter, error }),
    });
  });
  return app;
}
