import * as v from "valibot";
import { Price } from "../engine/price-bounds.ts";
import { Money, Percent, Quantity, UnitPrice, YieldPercent } from "./number-bounds.ts";

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
const Slug = v.pipe(
  v.string("a string"),
  v.regex(SLUG, "a slug: lower-case letters, digits and '-', 1–63 characters, not starting with '-'"),
);
const HoldingSymbol = v.pipe(
  v.string("a string"),
  v.trim(),
  v.toUpperCase(),
  v.regex(/^[A-Z0-9][A-Z0-9.-]{0,15}$/, "a ticker symbol (letters, digits, '.', '-', up to 16)"),
);
const Currency = v.pipe(
  v.string("a string"),
  v.trim(),
  v.toUpperCase(),
  v.regex(/^[A-Z]{3}$/, "a 3-letter currency code"),
);
const Text = (max: number) => v.pipe(v.string("a string"), v.trim(), v.maxLength(max, `at most ${max} characters`));

/** A holding, v1 `{symbol, quantity, avg_price, price?}` or v2 with currency and precomputed values. */
const Holding = v.object({
  symbol: HoldingSymbol,
  quantity: Quantity,
  avg_price: UnitPrice,
  price: v.optional(v.nullable(UnitPrice)),
  currency: v.optional(Currency),
  value_in_base: v.optional(v.nullable(Money)),
  value_in_usd: v.optional(v.nullable(Money)),
});

const Sector = v.object({
  sector: v.optional(v.nullable(Text(80))),
  value: v.optional(v.nullable(Money)),
  percent: Percent,
});

const Stats = v.object({
  yoc: v.optional(v.nullable(YieldPercent)),
  currentYield: v.optional(v.nullable(YieldPercent)),
  sectors: v.optional(v.pipe(v.array(Sector, "a list"), v.maxLength(100, "at most 100 sectors"))),
});

const HoldingList = v.pipe(v.array(Holding, "a list of holdings"), v.maxLength(1000, "at most 1000 holdings"));

/** A bare list (v1), or `{version: 1 | 2, holdings: [...]}`; each holding is then checked on its own. */
const Holdings = v.pipe(
  v.union(
    [v.array(v.unknown()), v.object({ version: v.picklist([1, 2]), holdings: v.array(v.unknown()) })],
    "a list of holdings, or {version: 1 | 2, holdings}",
  ),
  v.transform((input) => (Array.isArray(input) ? input : input.holdings)),
  HoldingList,
);

const OptedIn = v.object({
  type: v.literal("portfolio.opted_in"),
  slug: Slug,
  holdings: v.optional(Holdings),
  base_currency: v.optional(Currency),
  stats: v.optional(Stats),
});
const Updated = v.object({
  type: v.literal("portfolio.updated"),
  slug: Slug,
  holdings: Holdings,
  base_currency: v.optional(Currency),
  stats: v.optional(Stats),
});
const OptedOut = v.object({ type: v.literal("portfolio.opted_out"), slug: Slug });
const PriceUpdated = v.object({
  type: v.literal("stock.price_updated"),
  symbol: HoldingSymbol,
  price: Price,
  /** Accepted for the reference implementation's sake; the engine computes its own change. */
  change_percent: v.optional(v.nullable(v.pipe(v.number("a number"), v.finite("a finite number")))),
});

const EVENT_TYPES = "portfolio.opted_in, portfolio.updated, portfolio.opted_out, stock.price_updated";

/**
 * One event, told apart by its `type`. The issue's path already names the field (`type`, `0.type`),
 * so the message says only what was expected.
 */
export const PortfolioEvent = v.variant("type", [OptedIn, Updated, OptedOut, PriceUpdated], (issue) =>
  issue.path ? `one of ${EVENT_TYPES}` : "an event object with a type",
);

/** A batch of events, applied in order, all or none. */
export const EventBatch = v.pipe(
  v.array(PortfolioEvent),
  v.minLength(1, "a non-empty list of events"),
  v.maxLength(1000, "at most 1000 events"),
);

export type PortfolioEvent = v.InferOutput<typeof PortfolioEvent>;
export type Holding = v.InferOutput<typeof Holding>;
export type PortfolioStats = v.InferOutput<typeof Stats>;
