import type { InStatement } from "@libsql/client";
import type { PortfolioEvent } from "./events.ts";
import { isoWeek } from "./iso-week.ts";
import type { Portfolio } from "./metrics.ts";
import type { PortfolioStore } from "./portfolio-store.ts";

type PortfolioChange = Exclude<PortfolioEvent, { type: "stock.price_updated" }>;

/**
 * Every public portfolio in memory, backed by libSQL. A batch of events is applied to a copy,
 * written in one transaction, and only then made visible: all or nothing.
 */
export class PortfolioBook {
  readonly #listeners = new Set<(slugs: ReadonlySet<string>) => void>();
  /** Batches apply one after another: each starts from the state the previous one left. */
  #applying: Promise<void> = Promise.resolve();

  private constructor(
    private readonly store: PortfolioStore,
    private portfolios: Map<string, Portfolio>,
    private visitWeek: string,
    private weekVisits: Map<string, number>,
    private readonly now: () => number,
  ) {}

  static async load(store: PortfolioStore, now: () => number = Date.now): Promise<PortfolioBook> {
    const week = isoWeek(now());
    const portfolios = new Map((await store.all()).map((p) => [p.slug, p]));
    return new PortfolioBook(store, portfolios, week, await store.visits(week), now);
  }

  all(): Portfolio[] {
    return [...this.portfolios.values()];
  }

  get(slug: string): Portfolio | undefined {
    return this.portfolios.get(slug);
  }

  /** This ISO week's visits per slug. */
  visits(): ReadonlyMap<string, number> {
    this.#rollWeek();
    return this.weekVisits;
  }

  /** Called with the slugs that changed (created, updated, deleted or visited). */
  onChange(listener: (slugs: ReadonlySet<string>) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
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
    for (const event of events) if (event.type === "portfolio.opted_out") this.weekVisits.delete(event.slug);
    this.#notify(changed);
  }

  /** Count a page view of `slug` for this ISO week. */
  async visit(slug: string): Promise<void> {
    this.#rollWeek();
    const count = await this.store.addVisit(slug, this.visitWeek);
    this.weekVisits.set(slug, count);
    this.#notify(new Set([slug]));
  }

  #rollWeek(): void {
    const week = isoWeek(this.now());
    if (week === this.visitWeek) return;
    this.visitWeek = week;
    this.weekVisits = new Map();
  }

  #notify(slugs: ReadonlySet<string>): void {
    for (const listener of this.#listeners) listener(slugs);
  }
}
