import * as v from "valibot";

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
const Slug = v.pipe(v.string("a string"), v.regex(SLUG, "a slug: lower-case letters, digits and '-', 1–63 characters, not starting with '-'"));
const HoldingSymbol = v.pipe(v.string("a string"), v.trim(), v.toUpperCase(), v.regex(/^[A-Z0-9][A-Z0-9.\-]{0,15}$/, "a ticker symbol (letters, digits, '.', '-', up to 16)"));
const Amount = v.pipe(v.number("a number"), v.finite("a finite number"));
const NonNegative = v.pipe(Amount, v.minValue(0, "a number ≥ 0"));
const Currency = v.pipe(v.string("a string"), v.trim(), v.toUpperCase(), v.regex(/^[A-Z]{3}$/, "a 3-letter currency code"));
const Text = (max: number) => v.pipe(v.string("a string"), v.trim(), v.maxLength(max, `at most ${max} characters`));

/** A holding, v1 `{symbol, quantity, avg_price, price?}` or v2 with currency and precomputed values. */
const Holding = v.object({
  symbol: HoldingSymbol,
  quantity: NonNegative,
  avg_price: NonNegative,
  price: v.optional(v.nullable(NonNegative)),
  currency: v.optional(Currency),
  value_in_base: v.optional(v.nullable(Amount)),
  value_in_usd: v.optional(v.nullable(Amount)),
});

const Stats = v.object({
  yoc: v.optional(v.nullable(Amount)),
  currentYield: v.optional(v.nullable(Amount)),
  sectors: v.optional(
    v.pipe(
      v.array(v.object({ sector: v.optional(v.nullable(Text(80))), value: v.optional(v.nullable(Amount)), percent: Amount }), "a list"),
      v.maxLength(100, "at most 100 sectors"),
    ),
  ),
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
  price: v.pipe(Amount, v.minValue(0.01, "a price ≥ 0.01")),
  change_percent: v.optional(v.nullable(Amount)),
});

export const PortfolioEvent = v.variant(
  "type",
  [OptedIn, Updated, OptedOut, PriceUpdated],
  "type: one of portfolio.opted_in, portfolio.updated, portfolio.opted_out, stock.price_updated",
);

/** A batch of events, applied in order, all or none. */
export const EventBatch = v.pipe(v.array(PortfolioEvent), v.minLength(1, "a non-empty list of events"), v.maxLength(1000, "at most 1000 events"));

export type PortfolioEvent = v.InferOutput<typeof PortfolioEvent>;
export type Holding = v.InferOutput<typeof Holding>;
export type PortfolioStats = v.InferOutput<typeof Stats>;
