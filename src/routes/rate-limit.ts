import type { Context, MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { DomainError, type DomainErrorCode } from "../domain-error.ts";
import { clientAddress } from "./client-address.ts";

/** Writes allowed per minute; 0 for no limit. */
export interface WriteRates {
  /** `POST /api/events` per bearer token (`EVENTS_RATE`). */
  eventsPerMinute: number;
  /** Uploads, form or API, per client address (`UPLOAD_RATE`). */
  uploadsPerMinute: number;
  /** Board subscribes and unsubscribes per client address (`BOARD_RATE`). */
  boardChangesPerMinute: number;
}

const MINUTE_MS = 60_000;
/** Keys (clients, tokens) remembered at once: past it the oldest windows are forgotten. */
const MAX_KEYS = 10_000;

/**
 * A fixed-window counter per key: `limit` takes per window. Memory is bounded: windows live in
 * start order, so expired ones are dropped from the front, and past `maxKeys` the oldest go.
 * @example new FixedWindowLimiter(10).take("127.0.0.1") // undefined: allowed
 */
export class FixedWindowLimiter {
  readonly #windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs = MINUTE_MS,
    readonly maxKeys = MAX_KEYS,
    readonly now: () => number = Date.now,
  ) {}

  /** Takes refused since the start. */
  refused = 0;

  /** Keys remembered now. */
  get size(): number {
    return this.#windows.size;
  }

  /** Count one take for `key`: undefined when allowed, else the seconds until its window ends. */
  take(key: string): number | undefined {
    if (this.limit === 0) return undefined;
    const t = this.now();
    this.#forgetExpired(t);
    let window = this.#windows.get(key);
    if (!window) {
      window = { start: t, count: 0 };
      this.#windows.set(key, window);
      for (const oldest of this.#windows.keys()) {
        if (this.#windows.size <= this.maxKeys) break;
        this.#windows.delete(oldest);
      }
    }
    if (window.count >= this.limit) {
      this.refused++;
      return Math.max(1, Math.ceil((window.start + this.windowMs - t) / 1000));
    }
    window.count++;
    return undefined;
  }

  #forgetExpired(t: number): void {
    for (const [key, window] of this.#windows) {
      if (t - window.start < this.windowMs) break;
      this.#windows.delete(key);
    }
  }
}

interface LimitOptions {
  limiter: FixedWindowLimiter;
  keyOf: (c: Context) => string;
  code: DomainErrorCode;
  what: string;
  /** Close the connection on a refusal: its body (an upload) is not read. */
  closeOnRefusal?: boolean;
}

/** Refuse a state-changing request past its limit: 429 with Retry-After (GET, HEAD and OPTIONS pass). */
const limitWrites = (o: LimitOptions): MiddlewareHandler =>
  createMiddleware(async (c, next) => {
    if (/^(GET|HEAD|OPTIONS)$/.test(c.req.method)) return next();
    const wait = o.limiter.take(o.keyOf(c));
    if (wait !== undefined) {
      c.header("Retry-After", String(wait));
      if (o.closeOnRefusal) c.header("Connection", "close");
      throw new DomainError(o.code, `Too many ${o.what}: at most ${o.limiter.limit} a minute; try again in ${wait} s`);
    }
    await next();
  });

/** The write limits of the app, each middleware with its own counters. */
export interface WriteLimits {
  /** Per bearer token: use after the token is checked. */
  events: MiddlewareHandler;
  uploads: MiddlewareHandler;
  board: MiddlewareHandler;
  /** Writes refused by each limit since the start. */
  refused(): { events: number; uploads: number; board: number };
}

/**
 * The app's write limits, per client address (`X-Forwarded-For` when `trustProxy`) or bearer token;
 * built once in `runtime.ts`, counted in `/metrics`.
 * @example app.use("/upload", writeLimits(rates, false).uploads);
 */
export function writeLimits(rates: WriteRates, trustProxy: boolean): WriteLimits {
  const client = (c: Context) => clientAddress(c, trustProxy);
  const bearer = (c: Context) => c.req.header("Authorization") ?? "";
  const limiters = {
    events: new FixedWindowLimiter(rates.eventsPerMinute),
    uploads: new FixedWindowLimiter(rates.uploadsPerMinute),
    board: new FixedWindowLimiter(rates.boardChangesPerMinute),
  };
  return {
    events: limitWrites({
      limiter: limiters.events,
      keyOf: bearer,
      code: "too_many_events",
      what: "event requests for this token",
    }),
    uploads: limitWrites({
      limiter: limiters.uploads,
      keyOf: client,
      code: "too_many_uploads",
      what: "uploads from this address",
      closeOnRefusal: true,
    }),
    board: limitWrites({
      limiter: limiters.board,
      keyOf: client,
      code: "too_many_board_changes",
      what: "board changes from this address",
    }),
    refused: () => ({
      events: limiters.events.refused,
      uploads: limiters.uploads.refused,
      board: limiters.board.refused,
    }),
  };
}
