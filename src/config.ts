import { hostname } from "node:os";
import * as v from "valibot";
import type { WalkSettings } from "./engine/random-walk.ts";
import { SYMBOL_PATTERN } from "./engine/symbols.ts";
import { LOG_LEVELS, type LogLevel } from "./log.ts";
import type { WriteRates } from "./routes/rate-limit.ts";
import { parseRetention, RETENTION_PATTERN, RETENTION_RULE, type Retention } from "./store/retention.ts";

/** Starting prices of the default symbols. */
export const DEFAULT_START_PRICES: Readonly<Record<string, number>> = {
  AAPL: 150,
  GOOGL: 2750,
  MSFT: 312,
  TSLA: 250,
  AMZN: 190,
  NFLX: 500,
};
const FALLBACK_START_PRICE = 100;

export const PRICE_SOURCES = ["mock", "http", "sse"] as const;

/** Where prices come from, and how hard to try. */
export type SourceConfig =
  | { kind: "mock" }
  | { kind: "http"; url: string; subscribedOnly: boolean }
  | { kind: "sse"; url: string };

/** Whether this node runs the price engine: always, never, or when elected (alone: always). */
export const ENGINE_MODES = ["auto", "on", "off"] as const;
export type EngineMode = (typeof ENGINE_MODES)[number];

export interface ClusterConfig {
  /** redis:// or rediss:// URL of the broker; none: one process, no broker. */
  brokerUrl: string | undefined;
  engine: EngineMode;
  /** This node's name in the cluster (host name + pid by default). */
  nodeId: string;
  /** How long the engine's lease lasts unless renewed (renewed every third of it). */
  engineLeaseMs: number;
}

export interface ResilienceConfig {
  timeoutMs: number;
  attempts: number;
  breakerThreshold: number;
  halfOpenMs: number;
}

export interface Config {
  /** Bearer token of `POST /api/events`; without one, events are refused. */
  eventsToken: string | undefined;
  /** Bearer token of `GET /metrics`; without one, metrics are open. */
  metricsToken: string | undefined;
  /** The operator's token for B3 uploads; without one, only loopback clients may upload. */
  uploadToken: string | undefined;
  /** One log line per HTTP request (streams: when their response starts). */
  accessLog: boolean;
  source: SourceConfig;
  resilience: ResilienceConfig;
  port: number;
  host: string;
  databaseUrl: string;
  /** The libSQL server's token (`DATABASE_AUTH_TOKEN`), for `libsql:`/`http(s):`/`ws(s):` URLs. */
  databaseAuthToken: string | undefined;
  /** Several nodes: the message broker (`BROKER_URL`, redis://) and the engine's election. */
  cluster: ClusterConfig;
  /** The symbols every source quotes, in order. */
  symbols: string[];
  /** How often the mock walk steps and the price API is polled. */
  tickMs: number;
  /** The mock source's random walk of each symbol. */
  walks: WalkSettings[];
  randomSeed: number | undefined;
  /** Longest silence on an event stream (SSE keep-alive). */
  heartbeatMs: number;
  /** A stream whose socket takes nothing for this long, while its buffer is full, is closed. */
  streamWriteTimeoutMs: number;
  /** Longest a SIGTERM may take: past it the process exits anyway, saying what was left. */
  shutdownTimeoutMs: number;
  /** Event streams open at once, all clients together. */
  maxStreams: number;
  /** Event streams open at once from one client address. */
  maxStreamsPerClient: number;
  /** Take the client address from `X-Forwarded-For` (behind a proxy you run), not the socket. */
  trustProxy: boolean;
  writerBatchSize: number;
  /** Raw ticks older than this are pruned (candles and statistics stay). */
  tickRetention: Retention;
  logLevel: LogLevel;
  /** Largest accepted upload, in MB. */
  maxUploadMb: number;
  /** Most bytes a zip upload may inflate to, all its entries together, in MB. */
  maxUnzippedMb: number;
  /** An upload that sends nothing for this long is given up (a slow one that keeps sending never is). */
  uploadIdleTimeoutMs: number;
  /** Where uploads are stored until they are imported. */
  dataDir: string;
  /** Imports running at the same time. */
  importConcurrency: number;
  /** Writes allowed per minute (events per token, uploads and board changes per client); 0: no limit. */
  writeRates: WriteRates;
}

const int = (min: number, max: number, fallback: number) =>
  v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d+$/, `a whole number from ${min} to ${max}`),
      v.transform(Number),
      v.minValue(min, `a whole number from ${min} to ${max}`),
      v.maxValue(max, `a whole number from ${min} to ${max}`),
    ),
    String(fallback),
  );

const decimal = (min: number, max: number, fallback: number) =>
  v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d+(\.\d+)?$/, `a number from ${min} to ${max}`),
      v.transform(Number),
      v.minValue(min, `a number from ${min} to ${max}`),
      v.maxValue(max, `a number from ${min} to ${max}`),
    ),
    String(fallback),
  );

const SYMBOLS_RULE =
  "a comma-separated list of SYMBOL or SYMBOL:START_PRICE (symbols: A–Z, 0–9, '.', up to 12 characters)";

/** `SYMBOL` or `SYMBOL:START_PRICE` (a start price with at most two decimals). */
const isSymbolEntry = (entry: string): boolean => {
  const [symbol = "", price, ...rest] = entry.split(":");
  return SYMBOL_PATTERN.test(symbol) && rest.length === 0 && (price === undefined || /^\d+(\.\d{1,2})?$/.test(price));
};

const symbolList = v.optional(
  v.pipe(
    v.string(),
    v.transform((text) =>
      text
        .split(",")
        .map((part) => part.trim())
        .filter(Boolean),
    ),
    v.minLength(1, SYMBOLS_RULE),
    v.check((parts) => parts.every(isSymbolEntry), SYMBOLS_RULE),
    v.check((parts) => new Set(parts.map((p) => p.split(":")[0])).size === parts.length, "each symbol once"),
  ),
  Object.keys(DEFAULT_START_PRICES).join(","),
);

const EnvSchema = v.object({
  PORT: int(0, 65535, 3000),
  HOST: v.optional(v.pipe(v.string(), v.nonEmpty("a host name or address")), "0.0.0.0"),
  DATABASE_URL: v.optional(
    v.pipe(v.string(), v.regex(/^(file:.|libsql:|https?:|wss?:)/, "a file: path or a libsql:, http(s): or ws(s): URL")),
    "file:data/tickertape.db",
  ),
  DATABASE_AUTH_TOKEN: v.optional(v.pipe(v.string(), v.nonEmpty("a token"))),
  BROKER_URL: v.optional(v.pipe(v.string(), v.regex(/^rediss?:\/\/./, "a redis:// or rediss:// URL"))),
  ENGINE: v.optional(v.picklist(ENGINE_MODES, `one of ${ENGINE_MODES.join(", ")}`), "auto"),
  NODE_ID: v.optional(v.pipe(v.string(), v.regex(/^[\w.:-]{1,100}$/, "1–100 letters, digits, or . _ : -"))),
  ENGINE_LEASE_MS: int(500, 600_000, 5000),
  SYMBOLS: symbolList,
  TICK_MS: int(10, 3_600_000, 1000),
  UP_PROBABILITY: decimal(0, 1, 0.5),
  MAX_CHANGE_PERCENT: decimal(0, 500, 2),
  RANDOM_SEED: v.optional(v.pipe(v.string(), v.regex(/^\d+$/, "a whole number"), v.transform(Number))),
  HEARTBEAT_MS: int(1000, 60_000, 15_000),
  STREAM_WRITE_TIMEOUT_MS: int(1000, 600_000, 30_000),
  SHUTDOWN_TIMEOUT_MS: int(100, 600_000, 10_000),
  MAX_STREAMS: int(1, 1_000_000, 20_000),
  MAX_STREAMS_PER_IP: int(1, 1_000_000, 100),
  TRUST_PROXY: v.optional(v.picklist(["0", "1"], "0 or 1"), "0"),
  WRITER_BATCH_SIZE: int(1, 10_000, 500),
  TICK_RETENTION: v.optional(
    v.pipe(v.string(), v.regex(RETENTION_PATTERN, RETENTION_RULE), v.transform(parseRetention)),
    "7d",
  ),
  LOG_LEVEL: v.optional(v.picklist(LOG_LEVELS, `one of ${LOG_LEVELS.join(", ")}`), "info"),
  EVENTS_TOKEN: v.optional(
    v.pipe(v.string(), v.regex(/^[\x21-\x7e]{16,256}$/, "16–256 printable characters without spaces")),
  ),
  METRICS_TOKEN: v.optional(
    v.pipe(v.string(), v.regex(/^[\x21-\x7e]{16,256}$/, "16–256 printable characters without spaces")),
  ),
  UPLOAD_TOKEN: v.optional(
    v.pipe(v.string(), v.regex(/^[\x21-\x7e]{16,256}$/, "16–256 printable characters without spaces")),
  ),
  ACCESS_LOG: v.optional(v.picklist(["0", "1"], "0 or 1"), "1"),
  PRICE_SOURCE: v.optional(v.picklist(PRICE_SOURCES, `one of ${PRICE_SOURCES.join(", ")}`), "mock"),
  PRICE_API_URL: v.optional(v.pipe(v.string(), v.url("an http(s) URL"), v.regex(/^https?:/, "an http(s) URL"))),
  POLL_SUBSCRIBED_ONLY: v.optional(v.picklist(["0", "1"], "0 or 1"), "0"),
  UPSTREAM_URL: v.optional(v.pipe(v.string(), v.url("an http(s) URL"), v.regex(/^https?:/, "an http(s) URL"))),
  PRICE_API_TIMEOUT_MS: int(50, 60_000, 2000),
  BREAKER_THRESHOLD: int(1, 1000, 5),
  BREAKER_HALF_OPEN_MS: int(10, 3_600_000, 10_000),
  MAX_UPLOAD_MB: int(1, 1_048_576, 1024),
  /** Unset, it is 4 × MAX_UPLOAD_MB (see loadConfig); the fallback here is that for the default cap. */
  MAX_UNZIPPED_MB: int(1, 4 * 1_048_576, 4 * 1024),
  UPLOAD_IDLE_TIMEOUT_MS: int(1000, 600_000, 30_000),
  DATA_DIR: v.optional(v.pipe(v.string(), v.nonEmpty("a directory path")), "data"),
  IMPORT_CONCURRENCY: int(1, 16, 2),
  EVENTS_RATE: int(0, 1_000_000, 600),
  UPLOAD_RATE: int(0, 1_000_000, 10),
  BOARD_RATE: int(0, 1_000_000, 120),
});

type Env = v.InferOutput<typeof EnvSchema>;

function sourceOf(e: Env): SourceConfig {
  const required = (name: "PRICE_API_URL" | "UPSTREAM_URL"): string => {
    const url = e[name];
    if (!url) throw new ConfigError(`${name} is required when PRICE_SOURCE=${e.PRICE_SOURCE}: expected an http(s) URL`);
    return url;
  };
  if (e.PRICE_SOURCE === "http")
    return { kind: "http", url: required("PRICE_API_URL"), subscribedOnly: e.POLL_SUBSCRIBED_ONLY === "1" };
  if (e.PRICE_SOURCE === "sse") return { kind: "sse", url: required("UPSTREAM_URL") };
  return { kind: "mock" };
}

/** A configuration value that is not allowed; its message names the variable and the rule. */
export class ConfigError extends Error {}

/**
 * Read and validate the environment once, at start.
 * @example const config = loadConfig(process.env);
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  // An empty value is a value: `SYMBOLS=` is refused, not taken for the default.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined));
  const parsed = v.safeParse(EnvSchema, present);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const name = issue.path?.[0]?.key ?? "environment";
    throw new ConfigError(
      `${String(name)}=${JSON.stringify(present[String(name)] ?? "")} is not allowed: expected ${issue.message}`,
    );
  }
  const e = parsed.output;
  return {
    eventsToken: e.EVENTS_TOKEN,
    metricsToken: e.METRICS_TOKEN,
    uploadToken: e.UPLOAD_TOKEN,
    accessLog: e.ACCESS_LOG === "1",
    source: sourceOf(e),
    resilience: {
      timeoutMs: e.PRICE_API_TIMEOUT_MS,
      attempts: 3,
      breakerThreshold: e.BREAKER_THRESHOLD,
      halfOpenMs: e.BREAKER_HALF_OPEN_MS,
    },
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databaseAuthToken: e.DATABASE_AUTH_TOKEN,
    cluster: {
      brokerUrl: e.BROKER_URL,
      engine: e.ENGINE,
      nodeId: e.NODE_ID ?? `${hostname()}-${process.pid}`,
      engineLeaseMs: e.ENGINE_LEASE_MS,
    },
    symbols: e.SYMBOLS.map((entry) => entry.split(":")[0] ?? ""),
    tickMs: e.TICK_MS,
    walks: e.SYMBOLS.map((entry) => {
      const [symbol = "", price] = entry.split(":");
      return {
        symbol,
        startPrice: price ? Number(price) : (DEFAULT_START_PRICES[symbol] ?? FALLBACK_START_PRICE),
        stepMs: e.TICK_MS,
        upProbability: e.UP_PROBABILITY,
        maxChangePercent: e.MAX_CHANGE_PERCENT,
      };
    }),
    randomSeed: e.RANDOM_SEED,
    heartbeatMs: e.HEARTBEAT_MS,
    streamWriteTimeoutMs: e.STREAM_WRITE_TIMEOUT_MS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    maxStreams: e.MAX_STREAMS,
    maxStreamsPerClient: e.MAX_STREAMS_PER_IP,
    trustProxy: e.TRUST_PROXY === "1",
    writerBatchSize: e.WRITER_BATCH_SIZE,
    tickRetention: e.TICK_RETENTION,
    logLevel: e.LOG_LEVEL,
    maxUploadMb: e.MAX_UPLOAD_MB,
    maxUnzippedMb: present.MAX_UNZIPPED_MB === undefined ? 4 * e.MAX_UPLOAD_MB : e.MAX_UNZIPPED_MB,
    uploadIdleTimeoutMs: e.UPLOAD_IDLE_TIMEOUT_MS,
    dataDir: e.DATA_DIR,
    importConcurrency: e.IMPORT_CONCURRENCY,
    writeRates: {
      eventsPerMinute: e.EVENTS_RATE,
      uploadsPerMinute: e.UPLOAD_RATE,
      boardChangesPerMinute: e.BOARD_RATE,
    },
  };
}
