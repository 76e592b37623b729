import type { Client, InStatement, Row } from "@libsql/client";
import type { Portfolio } from "./metrics.ts";

const toPortfolio = (row: Row): Portfolio => ({
  slug: String(row.slug),
  baseCurrency: String(row.base_currency),
  holdings: JSON.parse(String(row.holdings)) as Portfolio["holdings"],
  stats: row.stats === null ? null : (JSON.parse(String(row.stats)) as Portfolio["stats"]),
  createdAt: Number(row.created_at),
  updatedAt: Number(row.updated_at),
});

/** Portfolios and their weekly visits in libSQL. Writes are statements the caller runs in one transaction. */
export class PortfolioStore {
  constructor(private readonly db: Client) {}

  async all(): Promise<Portfolio[]> {
    return (await this.db.execute("SELECT * FROM portfolios")).rows.map(toPortfolio);
  }

  async visits(week: string): Promise<Map<string, number>> {
    const rows = (await this.db.execute({ sql: "SELECT slug, visits FROM portfolio_visits WHERE week = ?", args: [week] })).rows;
    return new Map(rows.map((r) => [String(r.slug), Number(r.visits)]));
  }

  save(p: Portfolio): InStatement {
    return {
      sql: `INSERT INTO portfolios (slug, base_currency, holdings, stats, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (slug) DO UPDATE SET base_currency = excluded.base_currency, holdings = excluded.holdings,
              stats = excluded.stats, updated_at = excluded.updated_at`,
      args: [p.slug, p.baseCurrency, JSON.stringify(p.holdings), p.stats === null ? null : JSON.stringify(p.stats), p.createdAt, p.updatedAt],
    };
  }

  delete(slug: string): InStatement[] {
    return [
      { sql: "DELETE FROM portfolios WHERE slug = ?", args: [slug] },
      { sql: "DELETE FROM portfolio_visits WHERE slug = ?", args: [slug] },
    ];
  }

  /** Run the statements of one batch of events atomically. */
  async commit(statements: InStatement[]): Promise<void> {
    if (statements.length > 0) await this.db.batch(statements, "write");
  }

  /** Count one visit of `slug` in `week`; returns the new count. */
  async addVisit(slug: string, week: string): Promise<number> {
    const result = await this.db.execute({
      sql: `INSERT INTO portfolio_visits (slug, week, visits) VALUES (?, ?, 1)
            ON CONFLICT (slug, week) DO UPDATE SET visits = visits + 1 RETURNING visits`,
      args: [slug, week],
    });
    return Number(result.rows[0]?.visits ?? 1);
  }
}
