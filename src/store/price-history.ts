import type { Market } from "../engine/market.ts";
import type { Tick } from "../engine/tick.ts";
import type { TickStore } from "./tick-store.ts";

/**
 * A symbol's ticks, newest first: those the market keeps in memory first, libSQL beyond them.
 * @example await readHistory(market, store, "AAPL", 500);
 */
export async function readHistory(
  market: Pick<Market, "recent">,
  store: Pick<TickStore, "history">,
  symbol: string,
  limit: number,
): Promise<Tick[]> {
  const recent = market.recent(symbol, limit);
  if (recent.length >= limit) return recent;
  const oldest = recent.at(-1);
  const older = await store.history(symbol, limit - recent.length, oldest?.seq);
  return recent.concat(older);
}
