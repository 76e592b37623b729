import { expect, test } from "bun:test";
import { createClient } from "@libsql/client";
import type { CommunityStats } from "../../src/portfolio/community.ts";
import { CommunityFeed } from "../../src/portfolio/community-feed.ts";
import { PORTFOLIO_MIGRATIONS } from "../../src/portfolio/migrations.ts";
import { PortfolioBook } from "../../src/portfolio/portfolio-book.ts";
import { PortfolioStore } from "../../src/portfolio/portfolio-store.ts";
import { migrate } from "../../src/store/migrations.ts";

test("a burst of 200 portfolio events gives one recomputation that reflects all of them", async () => {
  const db = createClient({ url: ":memory:" });
  await migrate(db, PORTFOLIO_MIGRATIONS);
  const book = await PortfolioBook.load(new PortfolioStore(db));
  const feed = new CommunityFeed(book, { price: () => undefined, onRound: () => () => {} }, 100);
  const updates: CommunityStats[] = [];
  feed.onUpdate((stats) => updates.push(stats));

  await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      book.apply([
        { type: "portfolio.opted_in", slug: `p${i}`, holdings: [{ symbol: "KO", quantity: 1, avg_price: 1 }] },
      ]),
    ),
  );
  while (updates.length === 0) await Bun.sleep(10);

  expect(updates).toHaveLength(1);
  expect(updates[0]!.portfolio_count).toBe(200);
  expect(updates[0]!.popular_stocks).toEqual([{ symbol: "KO", holders: 200, total_quantity: 200 }]);
  feed.stop();
  db.close();
});
