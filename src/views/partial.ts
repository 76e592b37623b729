import { type Html, html } from "./html.ts";

/**
 * An htmx 4 partial: `content` swapped into `target` (a CSS selector) with `swap`.
 * Its content is parsed as a template, so table rows travel safely beside other elements.
 * @example partial("#row-AAPL", "outerHTML", priceRow(row))
 */
export const partial = (target: string, swap: string, content: Html | string = ""): Html =>
  html`<hx-partial hx-target="${target}" hx-swap="${swap}">${content}</hx-partial>`;
