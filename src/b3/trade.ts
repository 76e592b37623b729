/** What makes a NEGOCIOSAVISTA trade unique. */
export interface TradeKey {
  /** DataNegocio, `YYYY-MM-DD`. */
  tradeDate: string;
  instrument: string;
  tradeId: string;
}

/** One NEGOCIOSAVISTA trade (AcaoAtualizacao 0), stored in the `trades` table. */
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
