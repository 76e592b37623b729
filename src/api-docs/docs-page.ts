import { type Html, html } from "../views/html.ts";
import { layout } from "../views/layout.ts";
import type { OpenApiDocument } from "./openapi.ts";

interface Parameter {
  name: string;
  in: string;
  required: boolean;
  description?: string;
  schema: Record<string, unknown>;
}

interface Operation {
  summary: string;
  parameters?: Parameter[];
  security?: unknown[];
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, { description: string; content?: Record<string, unknown> }>;
}

/** A parameter's rule in a few words: type, allowed values, pattern, default. */
const ruleOf = (schema: Record<string, unknown>): string =>
  [
    typeof schema.type === "string" ? schema.type : "",
    Array.isArray(schema.enum) ? `one of ${schema.enum.join(", ")}` : "",
    typeof schema.pattern === "string" ? `matching ${schema.pattern}` : "",
    schema.default !== undefined && schema.default !== "" ? `default ${String(schema.default)}` : "",
  ]
    .filter(Boolean)
    .join(", ");

const parameterRows = (parameters: Parameter[]): Html =>
  html`<table class="api-table"><thead><tr><th>Name</th><th>In</th><th>Required</th><th>Rule</th><th>About</th></tr></thead><tbody>${parameters.map(
    (p) =>
      html`<tr><td><code>${p.name}</code></td><td>${p.in}</td><td>${p.required ? "yes" : "no"}</td><td>${ruleOf(p.schema)}</td><td>${p.description ?? ""}</td></tr>`,
  )}</tbody></table>`;

const responseRows = (responses: Operation["responses"]): Html =>
  html`<table class="api-table"><thead><tr><th>Status</th><th>Type</th><th>What</th></tr></thead><tbody>${Object.entries(
    responses,
  ).map(
    ([status, r]) =>
      html`<tr><td>${status}</td><td>${Object.keys(r.content ?? {}).join(", ")}</td><td>${r.description}</td></tr>`,
  )}</tbody></table>`;

const operationSection = (method: string, path: string, op: Operation): Html =>
  html`<section class="api-endpoint" id="${`${method}-${path}`}">
  <h2><span class="api-method">${method.toUpperCase()}</span> <code>${path}</code></h2>
  <p>${op.summary}${op.security ? " (bearer token)" : ""}</p>
  ${op.parameters ? html`<h3>Parameters</h3>${parameterRows(op.parameters)}` : ""}
  ${op.requestBody ? html`<h3>Body</h3><p>${Object.keys(op.requestBody.content).join(", ")}, as described in <a href="/api/openapi.json">openapi.json</a></p>` : ""}
  <h3>Responses</h3>${responseRows(op.responses)}
</section>`;

/**
 * `/api/docs`: the OpenAPI document rendered on the server, one section per operation; no script needed.
 * @example c.html(apiDocsPage(openApiDocument()))
 */
export function apiDocsPage(doc: OpenApiDocument): Html {
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op: op as unknown as Operation })),
  );
  return layout({
    title: "API",
    body: html`<article class="api-docs">
  <h1>${doc.info.title} API</h1>
  <p>${doc.info.description} The machine-readable document: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI ${doc.openapi}).</p>
  <nav class="api-index"><ul>${operations.map(
    ({ path, method }) => html`<li><a href="${`#${method}-${path}`}">${method.toUpperCase()} ${path}</a></li>`,
  )}</ul></nav>
  ${operations.map(({ path, method, op }) => operationSection(method, path, op))}
</article>`,
  });
}
