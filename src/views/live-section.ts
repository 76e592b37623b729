import { type Html, html } from "./html.ts";

/**
 * A page's one live region: its SSE stream (one per page, as browsers allow six connections per
 * origin) sends partials that update the elements inside; nothing is swapped into the section itself.
 * @example liveSection("symbol-page", "/s/AAPL/stream", body)
 */
export const liveSection = (className: string, streamUrl: string, body: Html): Html =>
  html`<section class="${className}" hx-sse:connect="${streamUrl}" hx-swap="none">${body}</section>`;
