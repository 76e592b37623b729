import type { Tick } from "../engine/tick.ts";
import type { TickHistory } from "../engine/tick-history.ts";
import type { TickStore } from "./tick-store.ts";

/**
 * A symbol's ticks, newest first: the in-memory ring first, libSQL beyond it.
 * @example await readHistory(history, store, "AAPL", 500);
 */
export async function readHistory(
  history: TickHistory,
  store: TickStore,
  symbol: string,
  limit: number,
): Promise<Tick[]> {
  const recent = history.recent(symbol, limit);
  if (recent.length >= limit) return recent;
  const oldest = recent.at(-1);
  const older = await store.history(symbol, limit - recent.length, oldest?.seq);
  return recent.concat(older);
}
