import type { Logger } from "../log.ts";
import { isoWeek } from "./iso-week.ts";
import type { VisitorDay, VisitStore, WeekVisits } from "./visit-store.ts";

/**
 * The names one visitor may be known by today, such as its cookie's id, or a hash of its address
 * next to the id of the cookie it is being given. A visit counts when none of them was seen today.
 */
export type VisitorNames = readonly string[];

export interface VisitLogOptions {
  /** Longest wait before counted visits are written. */
  flushMs: number;
  /** Visitors that trigger a write at once. */
  batchSize: number;
}

export const VISIT_LOG_DEFAULTS: VisitLogOptions = { flushMs: 1000, batchSize: 500 };

/** `2026-01-05`: the UTC day of a moment. */
const utcDay = (ts: number): string => new Date(ts).toISOString().slice(0, 10);

/**
 * Portfolio visits, one per visitor per portfolio per UTC day, counted in memory at once and
 * written to libSQL in batches (at most `flushMs` later, or when `batchSize` visitors wait).
 * Nothing on the request path waits for the database; `close()` writes what is left.
 * @example if (visits.record("alice", ["cookie:3f2c…"])) notify("alice");
 */
export class VisitLog {
  #visitors: VisitorDay[] = [];
  #counts = new Map<string, WeekVisits>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #writing: Promise<void> | undefined;
  #closed = false;

  private constructor(
    private readonly store: VisitStore,
    private readonly log: Logger,
    private readonly now: () => number,
    private readonly options: VisitLogOptions,
    private day: string,
    private week: string,
    private visitorsToday: Map<string, Set<string>>,
    private weekVisits: Map<string, number>,
  ) {}

  static async load(
    store: VisitStore,
    log: Logger,
    now: () => number,
    options = VISIT_LOG_DEFAULTS,
  ): Promise<VisitLog> {
    const day = utcDay(now());
    const week = isoWeek(now());
    const state = await store.load(week, day);
    return new VisitLog(store, log, now, options, day, week, state.visitorsToday, state.weekVisits);
  }

  /** This ISO week's visits per slug. */
  counts(): ReadonlyMap<string, number> {
    this.#roll();
    return this.weekVisits;
  }

  /** Count a visit of `slug` unless one of the visitor's names was seen on it today; true when counted. */
  record(slug: string, names: VisitorNames): boolean {
    this.#roll();
    const seen = this.visitorsToday.get(slug) ?? new Set<string>();
    if (names.some((name) => seen.has(name))) return false;
    for (const name of names) {
      seen.add(name);
      this.#visitors.push({ day: this.day, slug, visitor: name });
    }
    this.visitorsToday.set(slug, seen);
    this.weekVisits.set(slug, (this.weekVisits.get(slug) ?? 0) + 1);
    const key = `${this.week} ${slug}`;
    const count = this.#counts.get(key) ?? { week: this.week, slug, visits: 0 };
    count.visits++;
    this.#counts.set(key, count);
    this.#schedule();
    return true;
  }

  /** Drop every visit of `slug`, counted or waiting (its portfolio opted out). */
  forget(slug: string): void {
    this.visitorsToday.delete(slug);
    this.weekVisits.delete(slug);
    this.#visitors = this.#visitors.filter((v) => v.slug !== slug);
    for (const [key, count] of this.#counts) if (count.slug === slug) this.#counts.delete(key);
  }

  /** Write every visit counted so far; resolves once they are committed (or failed and logged). */
  #flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#writing ??= this.#write().finally(() => (this.#writing = undefined));
    return this.#writing;
  }

  /** Write what is left; visits recorded later are still counted, no longer written. */
  async close(): Promise<void> {
    this.#closed = true;
    while (this.#writing) await this.#writing;
    await this.#flush();
  }

  #schedule(): void {
    if (this.#closed) return;
    if (this.#visitors.length >= this.options.batchSize) void this.#flush();
    else this.#timer ??= setTimeout(() => void this.#flush(), this.options.flushMs);
  }

  async #write(): Promise<void> {
    while (this.#visitors.length > 0 || this.#counts.size > 0) {
      const visitors = this.#visitors;
      const counts = this.#counts;
      this.#visitors = [];
      this.#counts = new Map();
      try {
        await this.store.write(visitors, [...counts.values()], this.day);
      } catch (error) {
        this.#putBack(visitors, counts);
        this.log.error(this.#closed ? "visits not written on close" : "visits not written, retrying", {
          visitors: this.#visitors.length,
          error,
        });
        if (!this.#closed) this.#timer ??= setTimeout(() => void this.#flush(), this.options.flushMs);
        return;
      }
    }
  }

  /** A failed batch goes back ahead of what was counted meanwhile. */
  #putBack(visitors: VisitorDay[], counts: Map<string, WeekVisits>): void {
    this.#visitors = [...visitors, ...this.#visitors];
    for (const [key, count] of this.#counts) {
      const earlier = counts.get(key);
      if (earlier) earlier.visits += count.visits;
      else counts.set(key, count);
    }
    this.#counts = counts;
  }

  #roll(): void {
    const now = this.now();
    const day = utcDay(now);
    if (day !== this.day) {
      this.day = day;
      this.visitorsToday = new Map();
    }
    const week = isoWeek(now);
    if (week !== this.week) {
      this.week = week;
      this.weekVisits = new Map();
    }
  }
}
