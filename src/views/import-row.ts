import type { ImportStatus } from "../b3/import-status.ts";
import { type Html, html } from "./html.ts";
import { partial } from "./partial.ts";
import { formatBytes, formatCount } from "./quotes-format.ts";

const FORMATS: Record<ImportStatus["format"], string> = {
  cotahist: "COTAHIST",
  negocios: "NEGOCIOSAVISTA trades",
  zip: "zip",
  unknown: "unknown format",
};
const STATES: Record<ImportStatus["status"], string> = {
  queued: "Queued",
  running: "Importing",
  done: "Done",
  failed: "Failed",
};

export const importRowId = (id: number): string => `import-${id}`;

function rejectedLines(status: ImportStatus): Html | string {
  if (status.rowsRejected === 0) return "";
  const kept = status.errors.length < status.rowsRejected ? ` (the first ${status.errors.length} are listed)` : "";
  return html`<details class="rejected"><summary>${formatCount(status.rowsRejected)} line${status.rowsRejected === 1 ? "" : "s"} rejected${kept}</summary><ol>${status.errors.map(
    (e) =>
      html`<li><span class="where">${e.entry ? `${e.entry}, ` : ""}line ${formatCount(e.line)}:</span> ${e.reason}<code>${e.text}</code></li>`,
  )}</ol></details>`;
}

/** One import in the list: state, progress bar, counters, and links to its most traded tickers. */
export function importRow(status: ImportStatus): Html {
  const percent = Math.floor(status.progress * 100);
  return html`<tr id="${importRowId(status.id)}" class="import" data-status="${status.status}">
<td class="import-file"><span class="file-name">${status.fileName}</span><span class="file-meta">${FORMATS[status.format]} · ${formatBytes(status.bytes)}</span>${
    status.failure ? html`<p class="import-failure" role="alert">${status.failure}</p>` : ""
  }${rejectedLines(status)}</td>
<td><span class="import-state">${STATES[status.status]}</span></td>
<td class="import-progress"><progress max="100" value="${percent}" aria-label="Progress of ${status.fileName}">${percent} %</progress><span class="percent">${percent} %</span></td>
<td class="num lines-read">${formatCount(status.linesRead)}</td>
<td class="num rows-inserted">${formatCount(status.rowsInserted)}</td>
<td class="num rows-duplicate">${formatCount(status.rowsDuplicate)}</td>
<td class="num rows-rejected">${formatCount(status.rowsRejected)}</td>
<td class="num rate">${status.rate > 0 ? `${formatCount(status.rate)}/s` : "—"}</td>
<td class="import-tickers">${status.tickers.map((t) => html`<a href="/quotes/${encodeURIComponent(t)}">${t}</a> `)}</td>
</tr>`;
}

/** The stream's update of one row already on the page. */
export const importRowUpdate = (status: ImportStatus): Html =>
  partial(`#${importRowId(status.id)}`, "outerHTML", importRow(status));

/** The stream's (or an upload's) update of the whole list. */
export const importListUpdate = (imports: readonly ImportStatus[]): Html =>
  partial("#import-rows", "innerHTML", html`${imports.map((status) => importRow(status))}`);
