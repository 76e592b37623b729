import type { Candle } from "../engine/candles.ts";
import type { Market } from "../engine/market.ts";
import type { Tick } from "../engine/tick.ts";
import type { SummaryStore } from "./summary-store.ts";
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

/**
 * When a history (`ticks`, newest first) stops short of `limit` because the symbol's older ticks
 * were pruned (seqs count from 1 without a gap, so an oldest seq above 1 says some were), what
 * stands for them: the 1m candles of the windows starting before the oldest kept tick, newest
 * first, up to the missing count (the newest may also count kept ticks of that minute).
 * Undefined when nothing is missing.
 * @example const older = await candlesBeyond(summaries, "AAPL", ticks, 100); // [{ start: …, close: 187.3 }, …]
 */
export async function candlesBeyond(
  summaries: Pick<SummaryStore, "candles">,
  symbol: string,
  ticks: readonly Tick[],
  limit: number,
): Promise<Candle[] | undefined> {
  const oldest = ticks.at(-1);
  if (!oldest || oldest.seq <= 1 || ticks.length >= limit) return undefined;
  const candles = await summaries.candles({
    symbol,
    interval: "1m",
    from: 0,
    to: oldest.ts,
    limit: limit - ticks.length,
  });
  return candles.reverse();
}
