import type { ImportEvent } from "../b3/import-events.ts";
import type { Importer } from "../b3/importer.ts";
import type { Logger } from "../log.ts";
import { Audience } from "../sse/audience.ts";
import type { Connection } from "../sse/connection.ts";
import { bytesOf, formatEvent, RETRY_MS } from "../sse/frame.ts";
import { importListUpdate, importRowUpdate } from "../views/import-row.ts";

/** Imports listed on `/quotes`. */
export const LISTED_IMPORTS = 50;
const KEY = "imports";

/**
 * `/quotes`'s stream: the list of imports (again when one is added or ends) and each running
 * import's row as it progresses, rendered once for every page. The list is read from the database
 * once per change, never per page; a slow page keeps only the newest list and row of each import.
 * @example imports.open(conn); importer.onEvent((event) => imports.importChanged(event));
 */
export class ImportStreams {
  readonly audience: Audience;
  #list: Uint8Array | undefined;
  #reading: Promise<void> = Promise.resolve();

  constructor(
    private readonly importer: Pick<Importer, "list">,
    private readonly log: Logger,
  ) {
    this.audience = new Audience("quotes", { round: () => undefined, snapshot: () => undefined }, log);
    this.#readList();
  }

  open(conn: Connection): void {
    conn.writeText(`retry: ${RETRY_MS}\n\n`);
    if (this.#list) conn.write(this.#list);
    this.audience.join(conn, KEY);
  }

  importChanged(event: ImportEvent): void {
    if (event.kind === "progress" || event.kind === "started") {
      const row = bytesOf(formatEvent({ data: String(importRowUpdate(event.status)) }));
      this.audience.update(`import-${event.status.id}`, row);
    } else this.#readList();
  }

  /** The list again, read once; reads keep their order, so an older list never overtakes a newer one. */
  #readList(): void {
    this.#reading = this.#reading.then(async () => {
      try {
        const imports = await this.importer.list(LISTED_IMPORTS);
        this.#list = bytesOf(formatEvent({ data: String(importListUpdate(imports)) }));
        this.audience.update("list", this.#list);
      } catch (error) {
        this.log.error("import list not read", { error });
      }
    });
  }
}
