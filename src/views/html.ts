import { html as honoHtml, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

export type Html = HtmlEscapedString;
export { raw };

/**
 * Tagged template that escapes every interpolated value (nested `html` is kept as is).
 * Views never pass promises, so the result is always a ready string.
 * @example html`<td>${userText}</td>`
 */
export const html = (strings: TemplateStringsArray, ...values: unknown[]): Html => honoHtml(strings, ...values) as Html;
