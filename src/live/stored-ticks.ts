import type { Market } from "../engine/market.ts";
import type { Tick } from "../engine/tick.ts";
import type { TickStore } from "../store/tick-store.ts";

/** Ticks read from the database for one resuming stream, at most: past it, the stream is sent them and ends. */
export const MAX_STORED_REPLAY = 10_000;

/** What a resuming stream missed beyond memory: read from the database, and whether more remain. */
export interface StoredReplay {
  ticks: Tick[];
  /** More ticks were missed than one replay sends: the stream ends after these, and the client resumes. */
  more: boolean;
}

/**
 * The ticks above `afterId` of `symbols` (empty: all) that memory no longer holds, from the database
 * (a client back after a long absence, or one moving to another node); none when memory covers them.
 * @example const stored = await storedReplay(1234, ["AAPL"], { market, store });
 */
export async function storedReplay(
  afterId: number,
  symbols: readonly string[],
  deps: { market: Pick<Market, "covers">; store: Pick<TickStore, "after"> },
): Promise<StoredReplay> {
  const accepts = (symbol: string) => symbols.length === 0 || symbols.includes(symbol);
  if (deps.market.covers(afterId, accepts)) return { ticks: [], more: false };
  const ticks = await deps.store.after(afterId, MAX_STORED_REPLAY + 1, Number.MAX_SAFE_INTEGER, symbols);
  const more = ticks.length > MAX_STORED_REPLAY;
  return { ticks: more ? ticks.slice(0, MAX_STORED_REPLAY) : ticks, more };
}
