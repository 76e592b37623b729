/** One COTAHIST quote record (TIPREG 01), every field of B3's layout with its implied decimals applied. */
export interface Quote {
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

/** What makes a NEGOCIOSAVISTA trade unique. */
export interface TradeKey {
  /** DataNegocio, `YYYY-MM-DD`. */
  tradeDate: string;
  instrument: string;
  tradeId: string;
}

/** One NEGOCIOSAVISTA trade (AcaoAtualizacao 0). */
export interface Trade extends TradeKey {
  price: number;
  quantity: number;
  /** HoraFechamento as `HH:MM:SS.mmm`. */
  closeTime: string;
  sessionType: string;
  referenceDate: string;
  buyer: string;
  seller: string;
  /** TipoDoCanal, only in the 12-column files. */
  channel: string | null;
}

/** What a parsed line asks the importer to do. */
export type ParsedLine =
  | { kind: "quote"; quote: Quote }
  | { kind: "trade"; trade: Trade }
  | { kind: "cancel"; key: TradeKey };

/** A line that cannot be imported; the import goes on and reports it. */
export class BadLine extends Error {}

/** A problem with the whole file: the import fails and keeps none of its rows. */
export class ImportFailure extends Error {}
