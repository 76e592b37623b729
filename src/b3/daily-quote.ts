/**
 * One COTAHIST quote record (TIPREG 01): a day of trading of one instrument on one market, every
 * field of B3's layout with its implied decimals applied. Stored in the `quotes` table, where
 * (date, ticker, market, term) is its identity.
 */
export interface DailyQuote {
  /** DATA, `YYYY-MM-DD`. */
  date: string;
  /** CODBDI: 02 round lot, 96 odd lot, 12 real-estate funds, 78/82 options … */
  bdi: string;
  /** CODNEG, trimmed. */
  ticker: string;
  /** TPMERC: 10 cash, 20 odd lot, 30 term, 70/80 options … */
  market: number;
  /** PRAZOT as written (blank outside the term market): part of the row's identity. */
  term: string;
  issuer: string;
  shareType: string;
  currency: string;
  open: number;
  high: number;
  low: number;
  average: number;
  close: number;
  bestBid: number;
  bestAsk: number;
  trades: number;
  quantity: number;
  volume: number;
  strike: number;
  /** INDOPC. */
  strikeCorrection: string;
  /** DATVEN, `YYYY-MM-DD`; null for B3's "no expiry" 9999-12-31. */
  expiry: string | null;
  /** FATCOT: prices are per this many shares. */
  factor: number;
  /** PTOEXE, (07)V06. */
  strikePoints: number;
  isin: string;
  /** DISMES. */
  distribution: string;
}
