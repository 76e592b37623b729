import { Hono } from "hono";
import type { Importer } from "../b3/importer.ts";
import { HttpError } from "./http-error.ts";
import { ImportIdParam } from "./quotes-params.ts";
import { parseOr400 } from "./validate.ts";

const LISTED = 50;

/** `/api/imports`: the latest imports, and one import's status and counters. */
export function importRoutes(deps: { imports: Importer }): Hono {
  const app = new Hono();
  app.get("/", async (c) => c.json({ imports: await deps.imports.list(LISTED) }));
  app.get("/:id", async (c) => {
    const { id } = parseOr400(ImportIdParam, c.req.param());
    const status = await deps.imports.get(id);
    if (!status) throw new HttpError(404, "unknown_import", `No import ${id}`);
    return c.json(status);
  });
  return app;
}
