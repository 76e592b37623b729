import { type Html, html } from "./html.ts";

export interface LayoutProps {
  title: string;
  body: Html;
}

/** The page shell: styles and scripts come from files (no inline script or handler anywhere). */
export const layout = ({ title, body }: LayoutProps): Html => html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${title} · Tickertape</title>
    <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
    <link rel="stylesheet" href="/assets/app.css">
    <script src="/assets/htmx.js"></script>
    <script src="/assets/hx-sse.js"></script>
  </head>
  <body>
    <header class="site-header">
      <a class="brand" href="/">Tickertape</a>
      <span class="tagline">live prices</span>
      <nav class="site-nav"><a href="/">Board</a><a href="/quotes">B3 quotes</a></nav>
    </header>
    <main>${body}</main>
  </body>
</html>`;
