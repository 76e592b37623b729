import { expect, test } from "bun:test";
import type { ImportEvent } from "../../src/b3/import-events.ts";
import type { DailyQuoteRow } from "../../src/b3/quote-queries.ts";
import { Listeners } from "../../src/listeners.ts";
import { createLogger } from "../../src/log.ts";
import { ImportedTickers } from "../../src/portfolio/imported-tickers.ts";
import type { Portfolio } from "../../src/portfolio/metrics.ts";

const portfolio = (slug: string, symbol: string): Portfolio => ({
  slug,
  baseCurrency: "BRL",
  holdings: [{ symbol, quantity: 1, avg_price: 1 }],
  stats: null,
  createdAt: 0,
  updatedAt: 0,
});

/** Only whether a ticker has rows is read. */
const quoteRow = {} as DailyQuoteRow;

test("imported tickers follow the held symbols and finished imports until stopped", async () => {
  const imported = new Set<string>(["PETR4"]);
  const asked: string[] = [];
  const quotes = {
    daily: async (ticker: string) => {
      asked.push(ticker);
      return imported.has(ticker) ? [quoteRow] : [];
    },
    tradeDays: async () => [],
  };
  const book = new Map([["alice", portfolio("alice", "PETR4")]]);
  const changes = new Listeners<ReadonlySet<string>>();
  const portfolios = {
    all: () => [...book.values()],
    get: (slug: string) => book.get(slug),
    onChange: (listener: (slugs: ReadonlySet<string>) => void) => changes.add(listener),
  };
  const events = new Listeners<ImportEvent>();
  const tickers = new ImportedTickers(quotes, createLogger("silent"));
  const settled = () => Bun.sleep(5);

  const stop = tickers.follow(portfolios, { onEvent: (listener) => events.add(listener) });
  await settled();
  expect(tickers.has("PETR4")).toBe(true);

  book.set("bob", portfolio("bob", "VALE3"));
  changes.emit(new Set(["bob"]));
  await settled();
  expect(tickers.has("VALE3")).toBe(false);

  imported.add("VALE3");
  events.emit({ kind: "finished" } as ImportEvent);
  await settled();
  expect(tickers.has("VALE3")).toBe(true);

  stop();
  expect(changes.size + events.size).toBe(0);
  expect(asked).toEqual(["PETR4", "VALE3", "PETR4", "VALE3"]);
});
