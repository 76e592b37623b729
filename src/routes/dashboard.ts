import { type Context, Hono, type MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import * as v from "valibot";
import { BOARD_COOKIE, type Board, parseBoard, serializeBoard } from "../board/board.ts";
import type { BoardRows } from "../board/board-rows.ts";
import type { Market } from "../engine/market.ts";
import type { BoardStreams } from "../live/board-streams.ts";
import type { VersionedMemo } from "../memo.ts";
import type { CommunityFeed } from "../portfolio/community-feed.ts";
import { dashboardPage, type SubscribeFormProps, subscribeFragment, unsubscribeFragment } from "../views/dashboard.ts";
import { cameOverHttps, sameOriginForms } from "./cross-site.ts";
import { openStream, type StreamOpening } from "./open-stream.ts";
import { parseOr400, SymbolText } from "./validate.ts";

const SubscribeForm = v.object({ symbol: v.optional(SymbolText, "") });
const ONE_YEAR_S = 365 * 24 * 3600;

export interface DashboardDeps extends StreamOpening {
  market: Pick<Market, "symbols" | "feed">;
  community: Pick<CommunityFeed, "stats">;
  rows: Pick<BoardRows, "row">;
  /** The plain board pages, rendered once per board content, feed and community version. */
  dashboardPages: VersionedMemo<string>;
  /** The board streams: a subscribe moves a board's open streams to its new symbols. */
  live: { boards: Pick<BoardStreams, "open" | "boardChanged"> };
  /** Subscribes and unsubscribes per client (`writeLimits(…).board`), counted once the origin is checked. */
  boardLimit: MiddlewareHandler;
}

/**
 * `/`: the board page, its subscribe / unsubscribe forms (htmx or plain), and its stream.
 * @example app.route("/", dashboardRoutes({ hub, trustProxy, market, community, rows, live }));
 */
export function dashboardRoutes(deps: DashboardDeps): Hono {
  const { market, rows } = deps;
  const boards = deps.live.boards;
  const app = new Hono();
  const configured = [...market.symbols];
  app.use("/board/*", sameOriginForms(deps.trustProxy), deps.boardLimit);

  const readBoard = (c: Context): Board => parseBoard(getCookie(c, BOARD_COOKIE), configured);
  const saveBoard = (c: Context, board: Board) => {
    setCookie(c, BOARD_COOKIE, serializeBoard(board), {
      path: "/",
      httpOnly: true,
      sameSite: "Lax",
      secure: cameOverHttps(c, deps.trustProxy),
      maxAge: ONE_YEAR_S,
    });
    boards.boardChanged(board.id, board.symbols);
  };
  const render = (board: Board, form: SubscribeFormProps) => {
    const props = {
      rows: board.symbols.map(rows.row),
      feed: market.feed.health,
      community: deps.community.stats,
      available: configured,
      form,
    };
    if (form.value !== "" || form.error !== undefined) return String(dashboardPage(props));
    const version = [props.feed, props.community, ...props.rows];
    return deps.dashboardPages(board.symbols.join(","), version, () => String(dashboardPage(props)));
  };
  const page = (c: Context, board: Board, form: SubscribeFormProps, status: 200 | 422 = 200) =>
    c.html(render(board, form), status);

  app.get("/", (c) => {
    const board = readBoard(c);
    saveBoard(c, board);
    return page(c, board, { value: "", error: undefined });
  });

  app.post("/board/symbols", async (c) => {
    const { symbol } = parseOr400(SubscribeForm, await c.req.parseBody());
    const board = readBoard(c);
    const error = subscribeError(symbol, board, market.symbols);
    if (!error) {
      board.symbols.push(symbol);
      saveBoard(c, board);
    }
    const form = { value: error ? symbol : "", error };
    if (c.req.header("HX-Request"))
      return c.html(subscribeFragment(form, error ? undefined : rows.row(symbol)), error ? 422 : 200);
    return error ? page(c, board, form, 422) : c.redirect("/", 303);
  });

  app.post("/board/symbols/:symbol/delete", (c) => {
    const symbol = parseOr400(SymbolText, c.req.param("symbol"));
    const board = readBoard(c);
    board.symbols = board.symbols.filter((s) => s !== symbol);
    saveBoard(c, board);
    return c.req.header("HX-Request") ? c.html(unsubscribeFragment(symbol)) : c.redirect("/", 303);
  });

  app.get("/board/stream", (c) => {
    const board = readBoard(c);
    return openStream(c, deps, "coalesce", (conn) => boards.open(conn, board));
  });

  return app;
}

function subscribeError(symbol: string, board: Board, configured: ReadonlySet<string>): string | undefined {
  if (symbol === "") return "Enter a symbol";
  if (!configured.has(symbol)) return `Unknown symbol ${symbol}`;
  if (board.symbols.includes(symbol)) return `${symbol} is already on your board`;
  return undefined;
}
