/** A browser's board: which symbols it follows, kept in a cookie. */
export interface Board {
  /** Random id shared by the browser's tabs: live streams of the same board follow its changes. */
  id: string;
  symbols: string[];
}

export const BOARD_COOKIE = "board";
const ID = /^[a-z0-9]{8,32}$/;

export const newBoardId = (): string => crypto.randomUUID().replaceAll("-", "").slice(0, 16);

/**
 * Read the cookie `id:SYM,SYM`. A missing or garbled cookie gives a new board with every
 * configured symbol; symbols no longer configured are dropped.
 * @example parseBoard("k3j4h5g6f7d8s9a0:AAPL,MSFT", known) // { id: "k3j4…", symbols: ["AAPL", "MSFT"] }
 */
export function parseBoard(cookie: string | undefined, configured: readonly string[]): Board {
  const [id = "", list] = (cookie ?? "").split(":", 2);
  if (!ID.test(id) || list === undefined) return { id: newBoardId(), symbols: [...configured] };
  const known = new Set(configured);
  const symbols = [...new Set(list.split(",").filter((s) => known.has(s)))];
  return { id, symbols };
}

export const serializeBoard = (board: Board): string => `${board.id}:${board.symbols.join(",")}`;
