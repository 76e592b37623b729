import type * as v from "valibot";
import { EventBatch, PortfolioEvent } from "../portfolio/events.ts";
import { CandleQuery } from "../routes/candles.ts";
import { HistoryQuery } from "../routes/prices.ts";
import { ImportIdParam, QuotesExportQuery, QuotesQuery, SummaryQuery, TickerParam } from "../routes/quotes-params.ts";
import { StreamQuery } from "../routes/stream.ts";
import { RangeQuery } from "../routes/tick-export.ts";

/** What a response carries: JSON, an SSE stream, or a download. */
export type BodyKind = "json" | "sse" | "csv" | "ndjson";

/** An error status and the `error.code`s it comes with. */
export interface ErrorCase {
  status: number;
  codes: string[];
  when: string;
}

/** A parameter documented by hand, where no valibot schema reads it. */
export interface PlainParam {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  description: string;
}

/** One documented operation; schemas are the very ones the route validates with. */
export interface Endpoint {
  method: "get" | "post";
  /** OpenAPI form: `{param}`. */
  path: string;
  tag: string;
  summary: string;
  /** Query parameters: a valibot object schema, the route's own. */
  query?: v.GenericSchema;
  /** Path parameters from a valibot object schema, when the route has one. */
  pathSchema?: v.GenericSchema;
  params?: PlainParam[];
  /** A JSON request body: the route's valibot schema(s). */
  body?: { oneOf: v.GenericSchema[]; description: string };
  /** A multipart upload (`file`). */
  upload?: boolean;
  bearer?: boolean;
  ok: { status: number; kind: BodyKind; description: string };
  errors: ErrorCase[];
}

const SYMBOL: PlainParam = {
  name: "symbol",
  in: "path",
  required: true,
  description: "A configured symbol (case-insensitive), like AAPL",
};
const UNKNOWN_SYMBOL: ErrorCase = { status: 404, codes: ["unknown_symbol"], when: "the symbol is not configured" };
const BAD_PARAMETER: ErrorCase = {
  status: 400,
  codes: ["invalid_parameter"],
  when: "a parameter breaks its rule (named in the message)",
};
const STREAM_CAPS: ErrorCase[] = [
  { status: 503, codes: ["too_many_streams"], when: "the server holds its most streams (Retry-After: 5)" },
  { status: 429, codes: ["too_many_streams_from_client"], when: "this client holds its most streams (Retry-After: 5)" },
];

/** Every JSON, SSE and download endpoint under `/api` and `/health`. */
export const ENDPOINTS: Endpoint[] = [
  {
    method: "get",
    path: "/health/live",
    tag: "Health",
    summary: "The process answers",
    ok: { status: 200, kind: "json", description: '`{status: "ok"}`' },
    errors: [],
  },
  {
    method: "get",
    path: "/health/ready",
    tag: "Health",
    summary: "Database, engine and writer checks, feed, streams and storage",
    ok: { status: 200, kind: "json", description: '`{status: "ready", checks, streams, storage}`' },
    errors: [{ status: 503, codes: [], when: 'not ready: the same body with `status: "not_ready"`' }],
  },
  {
    method: "get",
    path: "/api/prices",
    tag: "Prices",
    summary: "The latest tick of every symbol",
    ok: { status: 200, kind: "json", description: "`{prices: [tick…]}`" },
    errors: [],
  },
  {
    method: "get",
    path: "/api/prices/{symbol}",
    tag: "Prices",
    summary: "A symbol's latest tick",
    params: [SYMBOL],
    ok: { status: 200, kind: "json", description: "a tick" },
    errors: [UNKNOWN_SYMBOL, { status: 404, codes: ["no_price_yet"], when: "no tick yet" }],
  },
  {
    method: "get",
    path: "/api/prices/{symbol}/history",
    tag: "Prices",
    summary: "Recent ticks, newest first; 1m candles beyond the retention",
    params: [SYMBOL],
    query: HistoryQuery,
    ok: {
      status: 200,
      kind: "json",
      description: '`{symbol, ticks}`, with `olderFrom: "candles"` and `candles` when pruned',
    },
    errors: [BAD_PARAMETER, UNKNOWN_SYMBOL],
  },
  {
    method: "get",
    path: "/api/prices/{symbol}/candles",
    tag: "Prices",
    summary: "OHLC candles of an interval, oldest first",
    params: [SYMBOL],
    query: CandleQuery,
    ok: { status: 200, kind: "json", description: "`{symbol, interval, candles}`" },
    errors: [BAD_PARAMETER, UNKNOWN_SYMBOL],
  },
  {
    method: "get",
    path: "/api/prices/{symbol}/stats",
    tag: "Prices",
    summary: "All-time figures: ticks, first, last, low, high",
    params: [SYMBOL],
    ok: { status: 200, kind: "json", description: "`{symbol, ticks, first, last, low, high}`" },
    errors: [UNKNOWN_SYMBOL, { status: 404, codes: ["no_price_yet"], when: "no tick yet" }],
  },
  ...(["csv", "ndjson"] as const).map(
    (format): Endpoint => ({
      method: "get",
      path: `/api/prices/{symbol}/ticks.${format}`,
      tag: "Prices",
      summary: `Every stored tick of a range, oldest first, as ${format.toUpperCase()}`,
      params: [SYMBOL],
      query: RangeQuery,
      ok: { status: 200, kind: format, description: "a streamed download" },
      errors: [BAD_PARAMETER, UNKNOWN_SYMBOL],
    }),
  ),
  {
    method: "get",
    path: "/api/stream",
    tag: "Streams",
    summary: "Named `tick` events (and `import` events with imports=1), resumable by Last-Event-ID",
    query: StreamQuery,
    params: [
      {
        name: "Last-Event-ID",
        in: "header",
        required: false,
        description: "Resume after this tick id (or ?lastEventId=)",
      },
    ],
    ok: { status: 200, kind: "sse", description: "an event stream" },
    errors: [
      BAD_PARAMETER,
      { status: 400, codes: ["unknown_symbol"], when: "a listed symbol is not configured" },
      ...STREAM_CAPS,
    ],
  },
  {
    method: "get",
    path: "/api/feed",
    tag: "Prices",
    summary: "The price feed: status, breaker state, failures",
    ok: {
      status: 200,
      kind: "json",
      description: "`{status, state, lastSuccessAt, consecutiveFailures, droppedItems, …}`",
    },
    errors: [],
  },
  {
    method: "post",
    path: "/api/events",
    tag: "Portfolios",
    summary: "One portfolio or price event, or a batch applied in order (all or nothing)",
    bearer: true,
    body: { oneOf: [PortfolioEvent, EventBatch], description: "an event, or an array of events" },
    ok: { status: 202, kind: "json", description: "`{accepted: n}`" },
    errors: [
      {
        status: 400,
        codes: ["invalid_json", "invalid_parameter"],
        when: "the body is not JSON, or an event is invalid",
      },
      { status: 401, codes: ["unauthorized"], when: "no bearer token" },
      { status: 403, codes: ["forbidden"], when: "a wrong token" },
      { status: 413, codes: ["body_too_large"], when: "the body is too large" },
      { status: 429, codes: ["too_many_events"], when: "past EVENTS_RATE a minute (Retry-After)" },
      { status: 503, codes: ["disabled"], when: "no EVENTS_TOKEN configured" },
    ],
  },
  {
    method: "get",
    path: "/api/portfolios",
    tag: "Portfolios",
    summary: "Every public portfolio, valued live",
    ok: { status: 200, kind: "json", description: "`{portfolios}`" },
    errors: [],
  },
  {
    method: "get",
    path: "/api/portfolios/{slug}",
    tag: "Portfolios",
    summary: "One public portfolio, valued live",
    params: [{ name: "slug", in: "path", required: true, description: "The portfolio's slug" }],
    ok: { status: 200, kind: "json", description: "a portfolio's metrics" },
    errors: [{ status: 404, codes: ["portfolio_not_found"], when: "no such portfolio" }],
  },
  {
    method: "get",
    path: "/api/community",
    tag: "Portfolios",
    summary: "The community statistics",
    ok: { status: 200, kind: "json", description: "the statistics as the dashboard shows them" },
    errors: [],
  },
  {
    method: "post",
    path: "/api/quotes/upload",
    tag: "B3 quotes",
    summary: "Upload a COTAHIST file (or zip) to import",
    upload: true,
    bearer: true,
    ok: {
      status: 202,
      kind: "json",
      description: '`{id, fileName, format, bytes, status: "queued"}`, Location: /api/imports/{id}',
    },
    errors: [
      { status: 400, codes: ["missing_file", "bad_upload"], when: "no file, or the body cannot be read" },
      { status: 401, codes: ["unauthorized"], when: "UPLOAD_TOKEN is set and no bearer token (or session) came" },
      {
        status: 403,
        codes: ["forbidden", "uploads_local_only"],
        when: "a wrong token; or no UPLOAD_TOKEN and a client not on loopback",
      },
      { status: 408, codes: ["upload_stalled"], when: "the body stops arriving" },
      { status: 413, codes: ["upload_too_large"], when: "over MAX_UPLOAD_MB" },
      { status: 415, codes: ["not_multipart"], when: "not multipart/form-data" },
      { status: 429, codes: ["too_many_uploads"], when: "past UPLOAD_RATE a minute (Retry-After)" },
      { status: 507, codes: ["disk_full"], when: "the disk is full" },
    ],
  },
  {
    method: "get",
    path: "/api/quotes",
    tag: "B3 quotes",
    summary: "Daily quotes, newest first, a page at a time",
    query: QuotesQuery,
    ok: { status: 200, kind: "json", description: "`{quotes, nextCursor}`" },
    errors: [BAD_PARAMETER],
  },
  {
    method: "get",
    path: "/api/quotes.csv",
    tag: "B3 quotes",
    summary: "The COTAHIST rows of a filter, oldest first, as CSV",
    query: QuotesExportQuery,
    ok: { status: 200, kind: "csv", description: "a streamed download" },
    errors: [BAD_PARAMETER],
  },
  {
    method: "get",
    path: "/api/quotes/{ticker}",
    tag: "B3 quotes",
    summary: "A ticker's daily rows and trades per day",
    pathSchema: TickerParam,
    ok: { status: 200, kind: "json", description: "`{ticker, daily, trades}`" },
    errors: [BAD_PARAMETER, { status: 404, codes: ["unknown_ticker"], when: "neither rows nor trades" }],
  },
  {
    method: "get",
    path: "/api/quotes/{ticker}/summary",
    tag: "B3 quotes",
    summary: "Highest price and largest one-day quantity since a date",
    pathSchema: TickerParam,
    query: SummaryQuery,
    ok: { status: 200, kind: "json", description: "`{ticker, max_range_value, max_daily_volume}`" },
    errors: [BAD_PARAMETER],
  },
  {
    method: "get",
    path: "/api/imports",
    tag: "B3 quotes",
    summary: "The latest 50 imports",
    ok: { status: 200, kind: "json", description: "`{imports}`" },
    errors: [],
  },
  {
    method: "get",
    path: "/api/imports/{id}",
    tag: "B3 quotes",
    summary: "One import: status, counters, errors, progress",
    pathSchema: ImportIdParam,
    ok: { status: 200, kind: "json", description: "an import's status" },
    errors: [BAD_PARAMETER, { status: 404, codes: ["unknown_import"], when: "no such import" }],
  },
  {
    method: "get",
    path: "/api/openapi.json",
    tag: "Documentation",
    summary: "This document (OpenAPI 3.1)",
    ok: { status: 200, kind: "json", description: "an OpenAPI document" },
    errors: [],
  },
];
