import { CANDLE_INTERVALS } from "../engine/candles.ts";
import type { Migration } from "./migrations.ts";

/** The candles of one interval, from the ticks already stored (a database from before candles). */
const backfillCandles = ([interval, ms]: [string, number]): string =>
  `INSERT INTO candles (symbol, interval, start, open, high, low, close, ticks)
   SELECT g.symbol, '${interval}', g.start, o.price, g.high, g.low, c.price, g.n
   FROM (SELECT symbol, (ts / ${ms}) * ${ms} AS start, MIN(seq) AS first, MAX(seq) AS last,
                MAX(price) AS high, MIN(price) AS low, COUNT(*) AS n
         FROM ticks GROUP BY symbol, (ts / ${ms})) g
   JOIN ticks o ON o.symbol = g.symbol AND o.seq = g.first
   JOIN ticks c ON c.symbol = g.symbol AND c.seq = g.last`;

/**
 * `ticks`: every emitted tick, one row per (symbol, seq). `candles` and `symbol_stats`: what the
 * ticks sum up to, written in the same transaction as the ticks they summarise.
 */
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
  {
    version: 5,
    statements: [
      `CREATE TABLE candles (
         symbol TEXT NOT NULL,
         interval TEXT NOT NULL,
         start INTEGER NOT NULL,
         open REAL NOT NULL,
         high REAL NOT NULL,
         low REAL NOT NULL,
         close REAL NOT NULL,
         ticks INTEGER NOT NULL,
         PRIMARY KEY (symbol, interval, start)
       ) WITHOUT ROWID`,
      `CREATE TABLE symbol_stats (
         symbol TEXT PRIMARY KEY,
         first_id INTEGER NOT NULL, first_ts INTEGER NOT NULL, first_price REAL NOT NULL,
         last_id INTEGER NOT NULL, last_ts INTEGER NOT NULL, last_price REAL NOT NULL,
         ticks INTEGER NOT NULL,
         low REAL NOT NULL, low_ts INTEGER NOT NULL,
         high REAL NOT NULL, high_ts INTEGER NOT NULL
       )`,
      ...Object.entries(CANDLE_INTERVALS).map(backfillCandles),
      `INSERT INTO symbol_stats
       SELECT s.symbol, f.id, f.ts, f.price, l.id, l.ts, l.price, s.n,
              (SELECT price FROM ticks WHERE symbol = s.symbol ORDER BY price, ts LIMIT 1),
              (SELECT ts FROM ticks WHERE symbol = s.symbol ORDER BY price, ts LIMIT 1),
              (SELECT price FROM ticks WHERE symbol = s.symbol ORDER BY price DESC, ts LIMIT 1),
              (SELECT ts FROM ticks WHERE symbol = s.symbol ORDER BY price DESC, ts LIMIT 1)
       FROM (SELECT symbol, MIN(seq) AS first, MAX(seq) AS last, COUNT(*) AS n FROM ticks GROUP BY symbol) s
       JOIN ticks f ON f.symbol = s.symbol AND f.seq = s.first
       JOIN ticks l ON l.symbol = s.symbol AND l.seq = s.last`,
    ],
  },
];
