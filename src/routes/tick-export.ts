import { Hono } from "hono";
import * as v from "valibot";
import type { Market } from "../engine/market.ts";
import type { Tick } from "../engine/tick.ts";
import type { Logger } from "../log.ts";
import type { TickStore } from "../store/tick-store.ts";
import { csvLine } from "./csv.ts";
import { type Download, download } from "./download.ts";
import { HttpError } from "./http-error.ts";
import { Moment, parseOr400, SymbolText } from "./validate.ts";

/** `?from=&to=`: `from ≤ ts < to`, from the first tick to now when absent. */
export const RangeQuery = v.pipe(
  v.object({ from: Moment(() => 0), to: Moment(() => Date.now() + 1) }),
  v.forward(
    v.partialCheck([["from"], ["to"]], (q) => q.from < q.to, "must be before to"),
    ["from"],
  ),
);

/** Each file format: its rows (the CSV with a header, ISO time and epoch ms), and its type. */
const FORMATS = {
  csv: {
    head: csvLine(["id", "symbol", "seq", "time", "ts", "price", "prevPrice", "change", "changePercent"]),
    line: (t) =>
      csvLine([
        t.id,
        t.symbol,
        t.seq,
        new Date(t.ts).toISOString(),
        t.ts,
        t.price,
        t.prevPrice,
        t.change,
        t.changePercent,
      ]),
    contentType: "text/csv; charset=utf-8",
  },
  ndjson: { line: (t) => `${JSON.stringify(t)}\n`, contentType: "application/x-ndjson" },
} satisfies Record<string, Pick<Download<Tick>, "head" | "line" | "contentType">>;

/** A moment in a file name: `20261201T100000Z` (UTC, to the second). */
const stamp = (ms: number): string => new Date(ms).toISOString().replaceAll(/[-:]|\.\d+/g, "");

export interface TickExportDeps {
  market: Pick<Market, "symbols">;
  store: Pick<TickStore, "ticksBetween">;
  log: Logger;
}

/**
 * `/api/prices/:symbol/ticks.csv?from=&to=` and `…/ticks.ndjson`: every stored tick of a symbol with
 * `from ≤ ts < to` (ISO-8601 or epoch ms), oldest first, as a file streamed a page at a time; named
 * after the symbol and the range (`AAPL-ticks-20261201T000000Z-now.csv`). A bad moment is a 400
 * naming it, an unknown symbol a 404.
 * @example app.route("/api/prices", tickExportRoutes({ market, store, log }));
 */
export function tickExportRoutes({ market, store, log }: TickExportDeps): Hono {
  const app = new Hono();
  for (const format of ["csv", "ndjson"] as const)
    app.get(`/:symbol/ticks.${format}`, (c) => {
      const symbol = parseOr400(SymbolText, c.req.param("symbol"));
      if (!market.symbols.has(symbol)) throw new HttpError(404, "unknown_symbol", `Unknown symbol ${symbol}`);
      const query = c.req.query();
      const { from, to } = parseOr400(RangeQuery, query);
      return download({
        ...FORMATS[format],
        pages: store.ticksBetween(symbol, from, to),
        fileName: `${symbol}-ticks-${query.from ? stamp(from) : "start"}-${query.to ? stamp(to) : "now"}.${format}`,
        onError: (error) => log.error("tick export cut short", { symbol, error }),
      });
    });
  return app;
}
