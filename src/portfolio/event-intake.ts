import type { PricePoint } from "../engine/tick.ts";
import type { PortfolioEvent } from "./events.ts";
import type { PortfolioBook } from "./portfolio-book.ts";

/**
 * Apply a validated batch: the portfolio events atomically (one transaction), then each
 * `stock.price_updated` as a tick for its symbol, in order.
 * @example await applyEvents(events, book, (q) => engine.ingest(q));
 */
export async function applyEvents(
  events: readonly PortfolioEvent[],
  book: Pick<PortfolioBook, "apply">,
  ingest: (quote: PricePoint) => void,
  now = Date.now,
): Promise<void> {
  const portfolioEvents = events.filter((e) => e.type !== "stock.price_updated");
  if (portfolioEvents.length > 0) await book.apply(portfolioEvents);
  for (const event of events)
    if (event.type === "stock.price_updated") ingest({ symbol: event.symbol, price: event.price, ts: now() });
}
