/** What the bench sends to `POST /api/events`, as investors' apps do: a portfolio, and price history. */

import { fetchWithin } from "./bounded-fetch.ts";

/** The server's `EVENTS_TOKEN` in the bench (16–256 printable characters). */
export const EVENTS_TOKEN = "bench-events-token-0123456789";
const SLUG = "bench";
const HOLDINGS = 20;
/** Events in one request (the server takes at most 1,000). */
const BATCH = 1000;

async function post(url: string, body: unknown): Promise<void> {
  const res = await fetchWithin(`${url}/api/events`, {
    method: "POST",
    headers: { Authorization: `Bearer ${EVENTS_TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST /api/events answered ${res.status}: ${await res.text()}`);
}

/** The latest price of every symbol the server at `url` quotes. */
async function latestPrices(url: string): Promise<{ symbol: string; price: number }[]> {
  const res = await fetchWithin(`${url}/api/prices`);
  return ((await res.json()) as { prices: { symbol: string; price: number }[] }).prices;
}

/**
 * Create `/p/bench` on the server at `url`: 20 holdings cycling through the symbols it quotes,
 * so that every tick moves its value. Returns the page's path.
 * @example const path = await createBenchPortfolio(server.url); // "/p/bench"
 */
export async function createBenchPortfolio(url: string): Promise<string> {
  const prices = await latestPrices(url);
  const holdings = Array.from({ length: HOLDINGS }, (_, i) => ({
    symbol: prices[i % prices.length]?.symbol,
    quantity: 10 + i,
    avg_price: 100 + i,
  }));
  await post(url, { type: "portfolio.opted_in", slug: SLUG, holdings });
  return `/p/${SLUG}`;
}

/** Writing the seeded ticks takes well under this. */
const SEED_TIMEOUT_MS = 10_000;

/**
 * Give every symbol `ticks` more ticks at once (`stock.price_updated`, ±0.5 % steps), so that pages
 * show a full history, as on a server that has run for a while, not a fresh one's single tick.
 * Resolves once `/health/ready` says the writer has nothing pending: every tick is in the database.
 * @example await seedPriceHistory(server.url, 300);
 */
export async function seedPriceHistory(url: string, ticks: number): Promise<void> {
  const events = (await latestPrices(url)).flatMap(({ symbol, price }) =>
    Array.from({ length: ticks }, (_, i) => {
      const step = i % 2 === 0 ? 0.5 : -0.5;
      const moved = Math.round(price * (100 + (step * ((i % 7) + 1)) / 7)) / 100;
      return { type: "stock.price_updated", symbol, price: moved, change_percent: step };
    }),
  );
  for (let i = 0; i < events.length; i += BATCH) await post(url, events.slice(i, i + BATCH));
  const deadline = performance.now() + SEED_TIMEOUT_MS;
  while (performance.now() < deadline) {
    const ready = (await (await fetchWithin(`${url}/health/ready`)).json()) as {
      checks?: { writer?: { pending?: number } };
    };
    if (ready.checks?.writer?.pending === 0) return;
    await Bun.sleep(20);
  }
  throw new Error(`the seeded ticks were not written within ${SEED_TIMEOUT_MS} ms`);
}
