import { type Context, Hono, type MiddlewareHandler } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Importer } from "../b3/importer.ts";
import type { QuoteQueries } from "../b3/quote-queries.ts";
import { DomainError } from "../domain-error.ts";
import { type ImportStreams, LISTED_IMPORTS } from "../live/import-streams.ts";
import { quotesPage, type UploadFormProps, uploadFragment } from "../views/quotes-page.ts";
import { tickerPage } from "../views/quotes-ticker-page.ts";
import { sameOriginForms } from "./cross-site.ts";
import { HttpError, statusOf } from "./http-error.ts";
import { openStream, type StreamOpening } from "./open-stream.ts";
import { TICKER_ROWS } from "./quotes.ts";
import { TickerParam } from "./quotes-params.ts";
import { receiveUpload } from "./quotes-upload.ts";
import type { UploadAccess } from "./upload-access.ts";
import { parseOr400 } from "./validate.ts";

const mb = (imports: Importer) => Math.round(imports.maxUploadBytes / 1024 / 1024);

export interface QuotesPageDeps extends StreamOpening {
  imports: Importer;
  quotes: QuoteQueries;
  live: { imports: Pick<ImportStreams, "open"> };
  /** Uploads per client (`writeLimits(…).uploads`, shared with `POST /api/quotes/upload`). */
  uploadLimit: MiddlewareHandler;
  /** Who may upload (`UPLOAD_TOKEN`, else loopback clients). */
  uploadAccess: UploadAccess;
}

/** `/quotes`: the upload form and the live list of imports; `/quotes/:ticker`: one ticker's chart and days. */
export function quotesPageRoutes(deps: QuotesPageDeps): Hono {
  const app = new Hono();
  const page = async (c: Context, form: UploadFormProps, status: ContentfulStatusCode = 200) => {
    const [imports, uploads] = await Promise.all([deps.imports.list(LISTED_IMPORTS), deps.uploadAccess.permission(c)]);
    return c.html(quotesPage({ imports, form, maxUploadMb: mb(deps.imports), uploads }), status);
  };

  app.get("/", (c) => page(c, {}));
  app.use("/upload", sameOriginForms(deps.trustProxy), deps.uploadLimit);
  app.use("/session", sameOriginForms(deps.trustProxy), deps.uploadLimit);

  /** The operator's token, given once: the browser keeps an upload session. */
  app.post("/session", async (c) => {
    const { token } = await c.req.parseBody();
    try {
      await deps.uploadAccess.openSession(c, typeof token === "string" ? token.trim() : "");
      return c.redirect("/quotes", 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return page(c, { error: error.message }, statusOf(error));
    }
  });

  app.post("/upload", async (c) => {
    const htmx = c.req.header("HX-Request") !== undefined;
    try {
      const accepted = await receiveUpload(c, deps.imports, deps.uploadAccess);
      const notice = `${accepted.fileName} was uploaded: its import is under way.`;
      if (!htmx) return c.redirect("/quotes", 303);
      return c.html(uploadFragment({ notice }, mb(deps.imports)), 202);
    } catch (error) {
      // A refused upload: the form shows why, with the status the API would answer.
      if (!(error instanceof DomainError)) throw error;
      const status = statusOf(error);
      const form = { error: error.message.replace(/^file: /, "") };
      return htmx ? c.html(uploadFragment(form, mb(deps.imports)), status) : page(c, form, status);
    }
  });

  app.get("/stream", (c) => openStream(c, deps, "coalesce", (conn) => deps.live.imports.open(conn)));

  /** The lookup form's target (a GET form cannot put its value in the path). */
  app.get("/find", (c) =>
    c.redirect(
      `/quotes/${encodeURIComponent(parseOr400(TickerParam, { ticker: c.req.query("ticker") ?? "" }).ticker)}`,
      303,
    ),
  );

  app.get("/:ticker", async (c) => {
    const { ticker } = parseOr400(TickerParam, c.req.param());
    const [daily, tradeDays, summary] = await Promise.all([
      deps.quotes.daily(ticker, TICKER_ROWS),
      deps.quotes.tradeDays(ticker, TICKER_ROWS),
      deps.quotes.summary(ticker, ""),
    ]);
    if (daily.length === 0 && tradeDays.length === 0)
      throw new HttpError(
        404,
        "unknown_ticker",
        `No quotes or trades for ${ticker} yet: import a COTAHIST or NEGOCIOSAVISTA file that has it on /quotes`,
      );
    return c.html(tickerPage({ ticker, daily, tradeDays, summary }));
  });

  return app;
}
