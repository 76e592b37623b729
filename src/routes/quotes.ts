import { Hono, type MiddlewareHandler } from "hono";
import type { Importer } from "../b3/importer.ts";
import type { QuoteQueries } from "../b3/quote-queries.ts";
import { HttpError } from "./http-error.ts";
import { encodeCursor, QuotesQuery, SummaryQuery, TickerParam } from "./quotes-params.ts";
import { receiveUpload } from "./quotes-upload.ts";
import type { UploadAccess } from "./upload-access.ts";
import { parseOr400 } from "./validate.ts";

/** Rows of one ticker answered at most by `GET /api/quotes/:ticker`. */
export const TICKER_ROWS = 5000;

/** `/api/quotes`: upload B3 files, page through quotes, one ticker's days and its summary. */
export function quoteRoutes(deps: {
  imports: Importer;
  quotes: QuoteQueries;
  /** Uploads per client (`writeLimits(…).uploads`, shared with `POST /quotes/upload`). */
  uploadLimit: MiddlewareHandler;
  /** Who may upload (`UPLOAD_TOKEN`, else loopback clients). */
  uploadAccess: UploadAccess;
}): Hono {
  const app = new Hono();

  app.post("/upload", deps.uploadLimit, async (c) => {
    const { id, fileName, format, bytes, status } = await receiveUpload(c, deps.imports, deps.uploadAccess);
    c.header("Location", `/api/imports/${id}`);
    return c.json({ id, fileName, format, bytes, status }, 202);
  });

  app.get("/", async (c) => {
    const query = parseOr400(QuotesQuery, c.req.query());
    const page = await deps.quotes.page({ ...query, after: query.cursor });
    return c.json({ quotes: page.quotes, nextCursor: page.next ? encodeCursor(page.next) : null });
  });

  app.get("/:ticker", async (c) => {
    const { ticker } = parseOr400(TickerParam, c.req.param());
    const [daily, trades] = await Promise.all([
      deps.quotes.daily(ticker, TICKER_ROWS),
      deps.quotes.tradeDays(ticker, TICKER_ROWS),
    ]);
    if (daily.length === 0 && trades.length === 0)
      throw new HttpError(
        404,
        "unknown_ticker",
        `No quotes or trades for ${ticker}: import a COTAHIST or NEGOCIOSAVISTA file that has it`,
      );
    return c.json({ ticker, daily, trades });
  });

  app.get("/:ticker/summary", async (c) => {
    const { ticker } = parseOr400(TickerParam, c.req.param());
    const { start_date } = parseOr400(SummaryQuery, { start_date: c.req.query("start_date") });
    const summary = await deps.quotes.summary(ticker, start_date ?? "");
    return c.json({ ticker, max_range_value: summary.maxRangeValue, max_daily_volume: summary.maxDailyVolume });
  });

  return app;
}
