import type { Client, InStatement } from "@libsql/client";

/** One visitor of one portfolio on one UTC day, under one of the names it is known by. */
export interface VisitorDay {
  day: string;
  slug: string;
  visitor: string;
}

/** Visits counted in one ISO week for one portfolio. */
export interface WeekVisits {
  week: string;
  slug: string;
  visits: number;
}

/** What a restart needs to go on counting: this week's counts and today's visitors. */
export interface VisitState {
  weekVisits: Map<string, number>;
  visitorsToday: Map<string, Set<string>>;
}

/** A portfolio opted out while its visits waited in memory: they are not written. */
const IF_PORTFOLIO_EXISTS = "WHERE EXISTS (SELECT 1 FROM portfolios WHERE slug = ?)";

/**
 * Portfolio visits in libSQL: per week a count (what trending shows), per day the visitors
 * already counted (what keeps a reload from counting twice, across restarts).
 */
export class VisitStore {
  constructor(private readonly db: Client) {}

  async load(week: string, day: string): Promise<VisitState> {
    const [counts, visitors] = await this.db.batch(
      [
        { sql: "SELECT slug, visits FROM portfolio_visits WHERE week = ?", args: [week] },
        { sql: "SELECT slug, visitor FROM portfolio_visitors WHERE day = ?", args: [day] },
      ],
      "read",
    );
    const visitorsToday = new Map<string, Set<string>>();
    for (const row of visitors?.rows ?? []) {
      const slug = String(row.slug);
      visitorsToday.set(slug, (visitorsToday.get(slug) ?? new Set()).add(String(row.visitor)));
    }
    return { weekVisits: new Map(counts?.rows.map((r) => [String(r.slug), Number(r.visits)])), visitorsToday };
  }

  /**
   * Write a batch in one transaction: the visitors, the counts added to their weeks, and the
   * removal of visitors of days before `today` (no longer needed).
   */
  async write(visitors: readonly VisitorDay[], counts: readonly WeekVisits[], today: string): Promise<void> {
    const statements: InStatement[] = [
      ...visitors.map((v) => ({
        sql: `INSERT OR IGNORE INTO portfolio_visitors (day, slug, visitor) SELECT ?, ?, ? ${IF_PORTFOLIO_EXISTS}`,
        args: [v.day, v.slug, v.visitor, v.slug],
      })),
      ...counts.map((c) => ({
        sql: `INSERT INTO portfolio_visits (slug, week, visits) SELECT ?, ?, ? ${IF_PORTFOLIO_EXISTS}
              ON CONFLICT (slug, week) DO UPDATE SET visits = visits + excluded.visits`,
        args: [c.slug, c.week, c.visits, c.slug],
      })),
      { sql: "DELETE FROM portfolio_visitors WHERE day < ?", args: [today] },
    ];
    await this.db.batch(statements, "write");
  }

  /** The statements that delete every visit of `slug`, for its portfolio's own transaction. */
  delete(slug: string): InStatement[] {
    return [
      { sql: "DELETE FROM portfolio_visits WHERE slug = ?", args: [slug] },
      { sql: "DELETE FROM portfolio_visitors WHERE slug = ?", args: [slug] },
    ];
  }
}
