import { type Context, Hono } from "hono";
import type { AppDeps } from "../app.ts";
import type { ImportDesk } from "../b3/imports.ts";
import { quotesPage, type UploadFormProps, uploadFragment } from "../views/quotes-page.ts";
import { tickerPage } from "../views/quotes-ticker-page.ts";
import { HttpError } from "./http-error.ts";
import { TICKER_ROWS } from "./quotes.ts";
import { TickerParam } from "./quotes-params.ts";
import { LISTED_IMPORTS, quotesStream } from "./quotes-stream.ts";
import { isUploadRefusal, receiveUpload, type UploadRefusal } from "./quotes-upload.ts";
import { parseOr400 } from "./validate.ts";

const mb = (imports: ImportDesk) => Math.round(imports.maxUploadBytes / 1024 / 1024);

/** `/quotes`: the upload form and the live list of imports; `/quotes/:ticker`: one ticker's chart and days. */
export function quotesPageRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const page = async (c: Context, form: UploadFormProps, status: 200 | UploadRefusal = 200) =>
    c.html(
      quotesPage({ imports: await deps.imports.list(LISTED_IMPORTS), form, maxUploadMb: mb(deps.imports) }),
      status,
    );

  app.get("/", (c) => page(c, {}));

  app.post("/upload", async (c) => {
    const htmx = c.req.header("HX-Request") !== undefined;
    try {
      const accepted = await receiveUpload(c, deps.imports);
      const notice = `${accepted.fileName} was uploaded: its import is under way.`;
      if (!htmx) return c.redirect("/quotes", 303);
      return c.html(uploadFragment({ notice }, mb(deps.imports)), 202);
    } catch (error) {
      if (!isUploadRefusal(error)) throw error;
      const form = { error: error.message.replace(/^file: /, "") };
      return htmx ? c.html(uploadFragment(form, mb(deps.imports)), error.status) : page(c, form, error.status);
    }
  });

  app.get("/stream", (c) => quotesStream(c, deps));

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
