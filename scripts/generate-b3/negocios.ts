/** Synthetic NEGOCIOSAVISTA trades files (`;`-separated, decimal comma). */

export interface NegociosOptions {
  trades: number;
  /** 11 (older files) or 12 (with TipoDoCanal). */
  columns?: 11 | 12;
  /** DataNegocio, `YYYY-MM-DD`. */
  date?: string;
  instruments?: readonly string[];
  eol?: "\r\n" | "\n";
  /** Start with a UTF-8 byte-order mark. */
  bom?: boolean;
  /** Indexes (0-based) of trades cancelled by a line after all trades. */
  cancel?: readonly number[];
  /** Physical line numbers (the header is line 1) whose trade is broken. */
  badLines?: readonly number[];
}

export const NEGOCIOS_HEADER =
  "DataReferencia;CodigoInstrumento;AcaoAtualizacao;PrecoNegocio;QuantidadeNegociada;HoraFechamento;CodigoIdentificadorNegocio;TipoSessaoPregao;DataNegocio;CodigoParticipanteComprador;CodigoParticipanteVendedor";

const priceText = (i: number) => `${5 + (i % 7)},${String(100 + ((i * 37) % 900)).padStart(3, "0")}`;

const twoDigits = (n: number) => String(n).padStart(2, "0");

/** HoraFechamento (HHMMSSmmm) of the i-th trade: one a second from 10:00:00, round the clock past midnight. */
function closeTime(i: number): string {
  const seconds = (10 * 3600 + i) % 86_400;
  const [hours, minutes] = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60];
  return `${twoDigits(hours)}${twoDigits(minutes)}${twoDigits(seconds % 60)}000`;
}

/** The price of the i-th generated trade, as a number. */
export const generatedPrice = (i: number): number => Number(priceText(i).replace(",", "."));

/**
 * The file's lines (without line ends).
 * @example [...negociosLines({ trades: 2 })]
 */
export function* negociosLines(options: NegociosOptions): Generator<string> {
  const {
    trades,
    columns = 11,
    date = "2025-04-28",
    instruments = ["PETR4", "VALE3", "ITUB4"],
    cancel = [],
    badLines = [],
  } = options;
  const bad = new Set(badLines);
  const line = (i: number, action: 0 | 2) => {
    const cells = [
      "2025-04-29",
      instruments[i % instruments.length]!,
      String(action),
      priceText(i),
      String(100 * (1 + (i % 50))),
      closeTime(i),
      String(i + 1),
      "1",
      date,
      "127",
      "85",
    ];
    if (columns === 12) cells.push("1");
    return cells.join(";");
  };
  yield (options.bom ? "\ufeff" : "") + NEGOCIOS_HEADER + (columns === 12 ? ";TipoDoCanal" : "");
  for (let i = 0; i < trades; i++) yield bad.has(i + 2) ? line(i, 0).replace(/;\d+,\d+;/, ";cinco;") : line(i, 0);
  for (const i of cancel) yield line(i, 2);
}

export const negociosText = (options: NegociosOptions): string => {
  const eol = options.eol ?? "\n";
  return [...negociosLines(options)].map((l) => l + eol).join("");
};
