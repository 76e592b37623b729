import { Hono, type Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import * as v from "valibot";
import type { AppDeps } from "../app.ts";
import { BOARD_COOKIE, parseBoard, serializeBoard, type Board } from "../board/board.ts";
import { LiveBoards } from "../board/live-boards.ts";
import { dashboardPage, subscribeFragment, unsubscribeFragment, type SubscribeFormProps } from "../views/dashboard.ts";
import type { Tick } from "../engine/tick.ts";
import { priceRowUpdate, type PriceRowProps } from "../views/price-row.ts";
import { boardStream } from "./board-stream.ts";
import { parseOr400, SymbolText } from "./validate.ts";

const SubscribeForm = v.object({ symbol: v.optional(SymbolText, "") });
const ONE_YEAR_S = 365 * 24 * 3600;
const TREND_POINTS = 30;

/** `/`: the board page, its subscribe / unsubscribe forms (htmx or plain), and its stream. */
export function dashboardRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const live = new LiveBoards();
  const configured = [...deps.engine.symbols];

  const rowOf = (symbol: string): PriceRowProps => ({
    symbol,
    latest: deps.history.latest(symbol),
    trend: deps.history.recent(symbol, TREND_POINTS).map((t) => t.price).reverse(),
  });
  const renderedRows = new WeakMap<Tick, string>();
  /** A row's update as HTML, rendered once per tick whatever the number of open pages. */
  const rowUpdate = (symbol: string): string => {
    const latest = deps.history.latest(symbol);
    let row = latest && renderedRows.get(latest);
    if (row === undefined) {
      row = String(priceRowUpdate(rowOf(symbol)));
      if (latest) renderedRows.set(latest, row);
    }
    return row;
  };
  const readBoard = (c: Context): Board => parseBoard(getCookie(c, BOARD_COOKIE), configured);
  const saveBoard = (c: Context, board: Board) => {
    setCookie(c, BOARD_COOKIE, serializeBoard(board), { path: "/", httpOnly: true, sameSite: "Lax", maxAge: ONE_YEAR_S });
    live.update(board.id, board.symbols);
  };
  const page = (c: Context, board: Board, form: SubscribeFormProps, status: 200 | 422 = 200) =>
    c.html(dashboardPage({ rows: board.symbols.map(rowOf), feed: deps.engine.feed.health, community: deps.community.stats, available: configured, form }), status);

  app.get("/", (c) => {
    const board = readBoard(c);
    saveBoard(c, board);
    return page(c, board, { value: "", error: undefined });
  });

  app.post("/board/symbols", async (c) => {
    const { symbol } = parseOr400(SubscribeForm, await c.req.parseBody());
    const board = readBoard(c);
    const error = subscribeError(symbol, board, deps.engine.symbols);
    if (!error) {
      board.symbols.push(symbol);
      saveBoard(c, board);
    }
    const form = { value: error ? symbol : "", error };
    if (c.req.header("HX-Request")) return c.html(subscribeFragment(form, error ? undefined : rowOf(symbol)), error ? 422 : 200);
    return error ? page(c, board, form, 422) : c.redirect("/", 303);
  });

  app.post("/board/symbols/:symbol/delete", (c) => {
    const symbol = parseOr400(SymbolText, c.req.param("symbol"));
    const board = readBoard(c);
    board.symbols = board.symbols.filter((s) => s !== symbol);
    saveBoard(c, board);
    return c.req.header("HX-Request") ? c.html(unsubscribeFragment(symbol)) : c.redirect("/", 303);
  });

  app.get("/board/stream", (c) => boardStream(c, deps, live, readBoard(c), rowUpdate));

  return app;
}

function subscribeError(symbol: string, board: Board, configured: ReadonlySet<string>): string | undefined {
  if (symbol === "") return "Enter a symbol";
  if (!configured.has(symbol)) return `Unknown symbol ${symbol}`;
  if (board.symbols.includes(symbol)) return `${symbol} is already on your board`;
  return undefined;
}
