import { type Html, html } from "./html.ts";

/** A horizontal bar filled to `percent` (0–100), drawn in SVG (no inline style under the CSP). */
export const percentBar = (percent: number, label: string): Html =>
  html`<svg class="bar" viewBox="0 0 100 6" preserveAspectRatio="none" role="img" aria-label="${label}"><rect class="bar-track" width="100" height="6"/><rect class="bar-fill" width="${Math.max(0, Math.min(100, percent)).toFixed(2)}" height="6"/></svg>`;

export interface Segment {
  label: string;
  percent: number;
}

/** One bar split into segments (e.g. a sector mix), each with its own colour class. */
export function stackedBar(segments: readonly Segment[], label: string): Html {
  let x = 0;
  const rects = segments.map((s, i) => {
    const rect = html`<rect class="segment segment-${i % 8}" x="${x.toFixed(2)}" width="${s.percent.toFixed(2)}" height="10"><title>${s.label}: ${s.percent}%</title></rect>`;
    x += s.percent;
    return rect;
  });
  return html`<svg class="stacked-bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="${label}">${rects}</svg>`;
}

/** The legend of a stacked bar. */
export const legend = (segments: readonly Segment[]): Html =>
  html`<ul class="legend">${segments.map((s, i) => html`<li><span class="swatch segment-${i % 8}"></span>${s.label} <span class="num">${s.percent}%</span></li>`)}</ul>`;
