import type { Client, InStatement, Row } from "@libsql/client";
import type { Portfolio } from "./metrics.ts";
import { VisitStore } from "./visit-store.ts";

const toPortfolio = (row: Row): Portfolio => ({
  slug: String(row.slug),
  baseCurrency: String(row.base_currency),
  holdings: JSON.parse(String(row.holdings)) as Portfolio["holdings"],
  stats: row.stats === null ? null : (JSON.parse(String(row.stats)) as Portfolio["stats"]),
  createdAt: Number(row.created_at),
  updatedAt: Number(row.updated_at),
});

/** Portfolios in libSQL, and (in `visits`) their visits. Writes are statements the caller runs in one transaction. */
export class PortfolioStore {
  readonly visits: VisitStore;

  constructor(private readonly db: Client) {
    this.visits = new VisitStore(db);
  }

  async all(): Promise<Portfolio[]> {
    return (await this.db.execute("SELECT * FROM portfolios")).rows.map(toPortfolio);
  }

  /** The portfolios of `slugs` that exist now. */
  async some(slugs: readonly string[]): Promise<Portfolio[]> {
    if (slugs.length === 0) return [];
    const sql = `SELECT * FROM portfolios WHERE slug IN (${slugs.map(() => "?").join(", ")})`;
    return (await this.db.execute({ sql, args: [...slugs] })).rows.map(toPortfolio);
  }

  save(p: Portfolio): InStatement {
    return {
      sql: `INSERT INTO portfolios (slug, base_currency, holdings, stats, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (slug) DO UPDATE SET base_currency = excluded.base_currency, holdings = excluded.holdings,
              stats = excluded.stats, updated_at = excluded.updated_at`,
      args: [
        p.slug,
        p.baseCurrency,
        JSON.stringify(p.holdings),
        p.stats === null ? null : JSON.stringify(p.stats),
        p.createdAt,
        p.updatedAt,
      ],
    };
  }

  /** The statements that delete a portfolio and its visits. */
  delete(slug: string): InStatement[] {
    return [{ sql: "DELETE FROM portfolios WHERE slug = ?", args: [slug] }, ...this.visits.delete(slug)];
  }

  /** Run the statements of one batch of events atomically. */
  async commit(statements: InStatement[]): Promise<void> {
    if (statements.length > 0) await this.db.batch(statements, "write");
  }
}
