import type { ImportStatus } from "../b3/import-status.ts";
import { quotesDownload } from "./downloads.ts";
import { type Html, html } from "./html.ts";
import { importRow } from "./import-row.ts";
import { layout } from "./layout.ts";
import { liveSection } from "./live-section.ts";
import { partial } from "./partial.ts";

export interface UploadFormProps {
  /** Shown after an upload was accepted. */
  notice?: string;
  error?: string;
}

/** What a visitor may do with uploads: upload, first give the operator's token, or nothing (not on the server's machine). */
export type UploadPermission = "allowed" | "needs_token" | "loopback_only";

export interface QuotesPageProps {
  imports: readonly ImportStatus[];
  form: UploadFormProps;
  maxUploadMb: number;
  uploads: UploadPermission;
}

const tokenForm = (error: string | undefined): Html =>
  html`<form id="upload-form" class="upload" method="post" action="/quotes/session">
<input type="text" name="username" value="operator" autocomplete="username" hidden>
<label for="upload-token">Upload token</label>
<input id="upload-token" type="password" name="token" required autocomplete="current-password"${error ? html` aria-invalid="true" aria-describedby="upload-error"` : ""}>
<button type="submit">Unlock uploads</button>
<p class="form-hint">Uploads are the operator's: enter this server's UPLOAD_TOKEN once, and this browser may upload for 12 hours.</p>
<p id="upload-error" class="form-error" role="alert">${error ?? ""}</p>
</form>`;

const loopbackOnly = (): Html =>
  html`<div id="upload-form" class="upload"><p class="form-hint">Uploads are accepted only from the server's own machine. The operator can set UPLOAD_TOKEN to allow them from elsewhere.</p></div>`;

/** The upload form: a plain multipart POST without JavaScript, an htmx request with it. */
export function uploadForm({ notice, error }: UploadFormProps, maxUploadMb: number): Html {
  return html`<form id="upload-form" class="upload" method="post" action="/quotes/upload" enctype="multipart/form-data" hx-post="/quotes/upload" hx-swap="none">
<label for="upload-file">B3 file</label>
<input id="upload-file" type="file" name="file" required${error ? html` aria-invalid="true" aria-describedby="upload-error"` : ""}>
<button type="submit">Upload and import</button>
<p class="form-hint">COTAHIST (a year, a month or a day), NEGOCIOSAVISTA trades, or a .zip of them; up to ${maxUploadMb} MB.</p>
<p id="upload-notice" class="form-notice" role="status">${notice ?? ""}</p>
<p id="upload-error" class="form-error" role="alert">${error ?? ""}</p>
</form>`;
}

/** `/quotes`: upload a file, follow the imports live, open a ticker. */
export const quotesPage = ({ imports, form, maxUploadMb, uploads }: QuotesPageProps): Html =>
  layout({
    title: "B3 quotes",
    body: liveSection(
      "quotes",
      "/quotes/stream",
      html`<p><a href="/">← Your board</a></p>
<div class="quotes-head">
<div><h1>B3 quotes</h1>
<form class="ticker-lookup" method="get" action="/quotes/find"><label for="ticker-input">Open a ticker</label><input id="ticker-input" name="ticker" maxlength="12" placeholder="PETR4" autocomplete="off"><button type="submit">Open</button></form>
${quotesDownload()}</div>
${uploads === "allowed" ? uploadForm(form, maxUploadMb) : uploads === "needs_token" ? tokenForm(form.error) : loopbackOnly()}
</div>
<div class="table-scroll"><table class="imports">
<thead><tr><th scope="col">File</th><th scope="col">Status</th><th scope="col">Progress</th><th scope="col" class="num">Lines</th><th scope="col" class="num">Inserted</th><th scope="col" class="num">Already there</th><th scope="col" class="num">Rejected</th><th scope="col" class="num">Rate</th><th scope="col">Most traded</th></tr></thead>
<tbody id="import-rows">${imports.map((status) => importRow(status))}</tbody>
</table></div>
<p class="imports-empty">No imports yet: upload a file above.</p>`,
    ),
  });

/**
 * htmx answer to an upload: the form, cleared, with its message. The list is left to the page's
 * stream, which announces the new import: a list rendered here could arrive after a newer one.
 */
export const uploadFragment = (form: UploadFormProps, maxUploadMb: number): Html =>
  partial("#upload-form", "outerHTML", uploadForm(form, maxUploadMb));
