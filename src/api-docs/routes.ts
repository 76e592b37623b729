import { Hono } from "hono";
import { apiDocsPage } from "./docs-page.ts";
import { openApiDocument } from "./openapi.ts";

/**
 * `/api/openapi.json` (OpenAPI 3.1) and `/api/docs` (that document as a page), built once.
 * @example app.route("/api", apiDocRoutes());
 */
export function apiDocRoutes(): Hono {
  const doc = openApiDocument();
  const page = String(apiDocsPage(doc));
  const app = new Hono();
  app.get("/openapi.json", (c) => c.json(doc));
  app.get("/docs", (c) => c.html(page));
  return app;
}
