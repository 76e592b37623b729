import type { Migration } from "../store/migrations.ts";
import { IMPORT_CLAIM_MIGRATIONS } from "./import-claims.ts";

/**
 * The importer's tables: `imports` (one row per upload, its counters and resume point), `quotes`
 * (COTAHIST daily quotes), `trades` (NEGOCIOSAVISTA trades) and the trades they cancel.
 */
export const B3_MIGRATIONS: readonly Migration[] = [
  {
    version: 3,
    statements: [
      `CREATE TABLE imports (
         id INTEGER PRIMARY KEY,
         file_name TEXT NOT NULL,
         stored_path TEXT NOT NULL,
         format TEXT NOT NULL,
         bytes INTEGER NOT NULL,
         status TEXT NOT NULL,
         lines_read INTEGER NOT NULL DEFAULT 0,
         bytes_read INTEGER NOT NULL DEFAULT 0,
         rows_inserted INTEGER NOT NULL DEFAULT 0,
         rows_duplicate INTEGER NOT NULL DEFAULT 0,
         rows_rejected INTEGER NOT NULL DEFAULT 0,
         rows_cancelled INTEGER NOT NULL DEFAULT 0,
         errors TEXT NOT NULL DEFAULT '[]',
         failure TEXT,
         tickers TEXT NOT NULL DEFAULT '[]',
         created_at INTEGER NOT NULL,
         started_at INTEGER,
         finished_at INTEGER
       )`,
      `CREATE INDEX imports_status ON imports (status)`,
      `CREATE TABLE quotes (
         date TEXT NOT NULL,
         ticker TEXT NOT NULL,
         market INTEGER NOT NULL,
         term TEXT NOT NULL,
         bdi TEXT NOT NULL,
         issuer TEXT NOT NULL,
         share_type TEXT NOT NULL,
         currency TEXT NOT NULL,
         open REAL NOT NULL,
         high REAL NOT NULL,
         low REAL NOT NULL,
         average REAL NOT NULL,
         close REAL NOT NULL,
         best_bid REAL NOT NULL,
         best_ask REAL NOT NULL,
         trades INTEGER NOT NULL,
         quantity INTEGER NOT NULL,
         volume REAL NOT NULL,
         strike REAL NOT NULL,
         strike_correction TEXT NOT NULL,
         expiry TEXT,
         factor INTEGER NOT NULL,
         strike_points REAL NOT NULL,
         isin TEXT NOT NULL,
         distribution TEXT NOT NULL,
         import_id INTEGER NOT NULL,
         PRIMARY KEY (date, ticker, market, term)
       ) WITHOUT ROWID`,
      `CREATE INDEX quotes_ticker ON quotes (ticker, date)`,
      `CREATE TABLE trades (
         trade_date TEXT NOT NULL,
         instrument TEXT NOT NULL,
         trade_id TEXT NOT NULL,
         price REAL NOT NULL,
         quantity INTEGER NOT NULL,
         close_time TEXT NOT NULL,
         session_type TEXT NOT NULL,
         reference_date TEXT NOT NULL,
         buyer TEXT NOT NULL,
         seller TEXT NOT NULL,
         channel TEXT,
         import_id INTEGER NOT NULL,
         PRIMARY KEY (trade_date, instrument, trade_id)
       ) WITHOUT ROWID`,
      `CREATE INDEX trades_instrument ON trades (instrument, trade_date)`,
      `CREATE TABLE trade_cancellations (
         trade_date TEXT NOT NULL,
         instrument TEXT NOT NULL,
         trade_id TEXT NOT NULL,
         import_id INTEGER NOT NULL,
         PRIMARY KEY (trade_date, instrument, trade_id)
       ) WITHOUT ROWID`,
    ],
  },
  ...IMPORT_CLAIM_MIGRATIONS,
];
