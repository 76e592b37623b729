import { Hono } from "hono";
import ssePath from "htmx.org/dist/ext/hx-sse.min.js" with { type: "file" };
import htmxPath from "htmx.org/dist/htmx.min.js" with { type: "file" };
import cssPath from "../../public/app.css" with { type: "file" };
import faviconPath from "../../public/favicon.svg" with { type: "file" };

/** Files embedded in the compiled binary (or read from disk when run from source). */
const ASSETS: Record<string, { path: string; type: string }> = {
  "htmx.js": { path: htmxPath, type: "text/javascript; charset=utf-8" },
  "hx-sse.js": { path: ssePath, type: "text/javascript; charset=utf-8" },
  "app.css": { path: cssPath, type: "text/css; charset=utf-8" },
  "favicon.svg": { path: faviconPath, type: "image/svg+xml" },
};

/** `/assets/:name`: htmx, its SSE extension, the stylesheet and the icon, cached for an hour. */
export function assetRoutes(): Hono {
  const app = new Hono();
  app.get("/:name", async (c) => {
    const asset = ASSETS[c.req.param("name")];
    if (!asset) return c.notFound();
    const body = await Bun.file(asset.path).arrayBuffer();
    return c.body(body, 200, { "Content-Type": asset.type, "Cache-Control": "public, max-age=3600" });
  });
  return app;
}
