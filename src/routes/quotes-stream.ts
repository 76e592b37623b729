import type { Context } from "hono";
import type { ImportEvent } from "../b3/import-events.ts";
import type { Importer } from "../b3/importer.ts";
import { formatEvent } from "../sse/frame.ts";
import { importListUpdate, importRowUpdate } from "../views/import-row.ts";
import { openStream, type StreamSettings } from "./open-stream.ts";

/** Imports listed on `/quotes`. */
export const LISTED_IMPORTS = 50;

/**
 * `/quotes`'s one stream: HTML partials. It starts with the whole list (a reconnect catches up);
 * a new or finished import re-sends the list, progress replaces that import's row.
 */
export function quotesStream(c: Context, deps: StreamSettings & { imports: Importer }): Response {
  let stop = () => {};
  return openStream(
    c,
    deps,
    async (out) => {
      // Writes keep their order: a list read from the database may not overtake a later row update.
      let queue = Promise.resolve();
      const send = (html: () => string | Promise<string>) =>
        (queue = queue.then(async () => out.write(formatEvent({ data: await html() }))).catch(() => {}));
      const sendList = () => send(async () => String(importListUpdate(await deps.imports.list(LISTED_IMPORTS))));
      const onEvent = (event: ImportEvent) =>
        event.kind === "progress" || event.kind === "started"
          ? send(() => String(importRowUpdate(event.status)))
          : sendList();
      out.write(`retry: 2000\n\n`);
      stop = deps.imports.onEvent(onEvent);
      sendList();
      await new Promise<void>((resolve) => {
        const done = () => resolve();
        c.req.raw.signal.addEventListener("abort", done, { once: true });
        deps.shutdown.addEventListener("abort", done, { once: true });
        if (c.req.raw.signal.aborted || deps.shutdown.aborted) done();
      });
    },
    () => stop(),
  );
}
