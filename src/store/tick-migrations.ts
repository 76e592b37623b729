import type { Migration } from "./migrations.ts";

/** The `ticks` table: every emitted tick, one row per (symbol, seq). */
export const TICK_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    statements: [
      `CREATE TABLE ticks (
         id INTEGER PRIMARY KEY,
         symbol TEXT NOT NULL,
         seq INTEGER NOT NULL,
         price REAL NOT NULL,
         prev_price REAL NOT NULL,
         change REAL NOT NULL,
         change_percent REAL NOT NULL,
         ts INTEGER NOT NULL,
         UNIQUE (symbol, seq)
       )`,
    ],
  },
];
