/** Display helpers shared by every view: one way to show a price, a change, a time. */

const price2 = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const formatPrice = (value: number): string => price2.format(value);

export const formatChange = (value: number): string =>
  (value > 0 ? "+" : value < 0 ? "−" : "") + price2.format(Math.abs(value));

export const formatPercent = (value: number): string => `${formatChange(value)}%`;

/** `12:03:04` in UTC, the server's and the log's clock. */
export const formatTime = (ts: number): string => new Date(ts).toISOString().slice(11, 19);

export const isoTime = (ts: number): string => new Date(ts).toISOString();

/** `up`, `down` or `flat`: the CSS class that colours a change. */
export const direction = (change: number): "up" | "down" | "flat" => (change > 0 ? "up" : change < 0 ? "down" : "flat");

const quantityFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 6 });

/** A share count: grouped, up to 6 decimals for fractional shares. */
export const formatQuantity = (value: number): string => quantityFormat.format(value);

/** `3,000.00 USD`. */
export const formatMoney = (value: number, currency: string): string => `${formatPrice(value)} ${currency}`;
