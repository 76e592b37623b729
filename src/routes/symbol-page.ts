import { Hono } from "hono";
import type { AppDeps } from "../app.ts";
import { readHistory } from "../store/price-history.ts";
import { symbolPage } from "../views/symbol-page.ts";
import { HttpError } from "./http-error.ts";
import { parseOr400, SymbolText } from "./validate.ts";

const CHART_TICKS = 300;

/** `/s/:symbol`: one symbol's page. */
export function symbolPageRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  app.get("/:symbol", async (c) => {
    const symbol = parseOr400(SymbolText, c.req.param("symbol"));
    if (!deps.engine.symbols.has(symbol)) throw new HttpError(404, "unknown_symbol", `Unknown symbol ${symbol}`);
    const ticks = await readHistory(deps.history, deps.store, symbol, CHART_TICKS);
    return c.html(symbolPage({ symbol, ticks: ticks.reverse() }));
  });
  return app;
}
