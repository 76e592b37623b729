import { type Html, html } from "./html.ts";
import { layout } from "./layout.ts";

/** A page for an error a person hit while browsing. */
export const errorPage = (title: string, message: string): Html =>
  layout({
    title,
    body: html`<section class="error-page"><h1>${title}</h1><p>${message}</p><p><a href="/">Back to your board</a></p></section>`,
  });
