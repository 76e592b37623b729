import type { Migration } from "../store/migrations.ts";

/** Portfolios, their weekly visit counts and today's visitors. */
export const PORTFOLIO_MIGRATIONS: readonly Migration[] = [
  {
    version: 2,
    statements: [
      `CREATE TABLE portfolios (
         slug TEXT PRIMARY KEY,
         base_currency TEXT NOT NULL,
         holdings TEXT NOT NULL,
         stats TEXT,
         created_at INTEGER NOT NULL,
         updated_at INTEGER NOT NULL
       )`,
      `CREATE TABLE portfolio_visits (
         slug TEXT NOT NULL,
         week TEXT NOT NULL,
         visits INTEGER NOT NULL,
         PRIMARY KEY (slug, week)
       )`,
    ],
  },
  {
    version: 4,
    statements: [
      // Who visited which portfolio today: a visit counts once per visitor per portfolio per UTC day.
      `CREATE TABLE portfolio_visitors (
         day TEXT NOT NULL,
         slug TEXT NOT NULL,
         visitor TEXT NOT NULL,
         PRIMARY KEY (day, slug, visitor)
       ) WITHOUT ROWID`,
    ],
  },
];
