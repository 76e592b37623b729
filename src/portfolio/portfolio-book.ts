import type { InStatement } from "@libsql/client";
import { Listeners } from "../listeners.ts";
import { createLogger, type Logger } from "../log.ts";
import type { PortfolioEvent } from "./events.ts";
import type { Portfolio } from "./metrics.ts";
import type { PortfolioStore } from "./portfolio-store.ts";
import { VISIT_LOG_DEFAULTS, VisitLog, type VisitLogOptions, type VisitorNames } from "./visit-log.ts";

type PortfolioChange = Exclude<PortfolioEvent, { type: "stock.price_updated" }>;

export interface PortfolioBookOptions {
  /** Where visits that cannot be written are reported. */
  log?: Logger;
  now?: () => number;
  visits?: VisitLogOptions;
}

/**
 * Every public portfolio in memory, backed by libSQL. A batch of events is applied to a copy,
 * written in one transaction, and only then made visible: all or nothing.
 */
export class PortfolioBook {
  readonly #changes = new Listeners<ReadonlySet<string>>();
  readonly #applied = new Listeners<ReadonlySet<string>>();
  /** Batches apply one after another: each starts from the state the previous one left. */
  #applying: Promise<void> = Promise.resolve();

  private constructor(
    private readonly store: PortfolioStore,
    private portfolios: Map<string, Portfolio>,
    private readonly visitLog: VisitLog,
    private readonly now: () => number,
  ) {}

  /** @example const book = await PortfolioBook.load(new PortfolioStore(db), { log }); */
  static async load(store: PortfolioStore, options: PortfolioBookOptions = {}): Promise<PortfolioBook> {
    const { log = createLogger("silent"), now = Date.now, visits = VISIT_LOG_DEFAULTS } = options;
    const portfolios = new Map((await store.all()).map((p) => [p.slug, p]));
    return new PortfolioBook(store, portfolios, await VisitLog.load(store.visits, log, now, visits), now);
  }

  all(): Portfolio[] {
    return [...this.portfolios.values()];
  }

  get(slug: string): Portfolio | undefined {
    return this.portfolios.get(slug);
  }

  /** This ISO week's visits per slug: one per visitor per day. */
  visits(): ReadonlyMap<string, number> {
    return this.visitLog.counts();
  }

  /** Called with the slugs that changed (created, updated, deleted or visited). */
  onChange(listener: (slugs: ReadonlySet<string>) => void): () => void {
    return this.#changes.add(listener);
  }

  /** Called with the slugs a batch of events applied here changed (not visits, not reloads). */
  onApplied(listener: (slugs: ReadonlySet<string>) => void): () => void {
    return this.#applied.add(listener);
  }

  /** Apply portfolio events in order, atomically; concurrent batches are applied one at a time. */
  apply(events: readonly PortfolioChange[]): Promise<void> {
    const run = this.#applying.then(() => this.#applyNow(events));
    this.#applying = run.catch(() => {});
    return run;
  }

  async #applyNow(events: readonly PortfolioChange[]): Promise<void> {
    const next = new Map(this.portfolios);
    const statements: InStatement[] = [];
    const changed = new Set<string>();
    const now = this.now();
    for (const event of events) {
      changed.add(event.slug);
      const current = next.get(event.slug);
      if (event.type === "portfolio.opted_out") {
        next.delete(event.slug);
        statements.push(...this.store.delete(event.slug));
        continue;
      }
      if (event.type === "portfolio.opted_in" && current) continue;
      const portfolio: Portfolio = {
        slug: event.slug,
        baseCurrency: event.base_currency ?? current?.baseCurrency ?? "USD",
        holdings: event.holdings ?? current?.holdings ?? [],
        stats: event.stats ?? current?.stats ?? null,
        createdAt: current?.createdAt ?? now,
        updatedAt: now,
      };
      next.set(event.slug, portfolio);
      statements.push(this.store.save(portfolio));
    }
    await this.store.commit(statements);
    this.portfolios = next;
    for (const event of events) if (event.type === "portfolio.opted_out") this.visitLog.forget(event.slug);
    this.#notify(changed);
    this.#applied.emit(changed);
  }

  /**
   * Read `slugs` again from the database (another node changed them): after the batches applied
   * here, in the same order, so the book never goes back to an older state.
   */
  reload(slugs: readonly string[]): Promise<void> {
    const run = this.#applying.then(async () => {
      const fresh = new Map((await this.store.some(slugs)).map((p) => [p.slug, p]));
      const next = new Map(this.portfolios);
      for (const slug of slugs) {
        const portfolio = fresh.get(slug);
        if (portfolio) next.set(slug, portfolio);
        else next.delete(slug);
      }
      this.portfolios = next;
      this.#notify(new Set(slugs));
    });
    this.#applying = run.catch(() => {});
    return run;
  }

  /**
   * A view of `slug`'s page by the visitor known by `names`: counted (in memory, written later)
   * unless that visitor was already counted on it today.
   */
  visit(slug: string, names: VisitorNames): void {
    if (this.visitLog.record(slug, names)) this.#notify(new Set([slug]));
  }

  /** Write the visits not yet written. */
  close(): Promise<void> {
    return this.visitLog.close();
  }

  #notify(slugs: ReadonlySet<string>): void {
    this.#changes.emit(slugs);
  }
}
