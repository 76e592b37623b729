import type { ImportEvent } from "../b3/import-events.ts";
import { Listeners } from "../listeners.ts";
import type { Logger } from "../log.ts";
import type { Broker } from "./broker.ts";

/** Where import events come from: an importer, or the relay itself. */
export interface ImportEventSource {
  onEvent(listener: (event: ImportEvent) => void): () => void;
}

/**
 * The imports' changes of every node: this node's importer's events, also sent to the others, and
 * theirs, so every node's `/quotes` page and streams follow an import whichever node runs it.
 * @example const events = new ImportRelay(importer, broker, "node-a", log); events.start(); live follows `events`.
 */
export class ImportRelay implements ImportEventSource {
  readonly #listeners = new Listeners<ImportEvent>();
  #stopLocal: (() => void) | undefined;

  constructor(
    private readonly local: ImportEventSource,
    private readonly broker: Pick<Broker, "publish" | "subscribe">,
    private readonly nodeId: string,
    private readonly log: Logger,
  ) {}

  /** Call `listener` on every import event of the cluster; returns the function that stops it. */
  onEvent(listener: (event: ImportEvent) => void): () => void {
    return this.#listeners.add(listener);
  }

  start(): void {
    this.broker.subscribe("imports", (message) => {
      const { node, event } = JSON.parse(message) as { node: string; event: ImportEvent };
      if (node !== this.nodeId) this.#listeners.emit(event);
    });
    this.#stopLocal = this.local.onEvent((event) => {
      this.#listeners.emit(event);
      this.broker.publish("imports", JSON.stringify({ node: this.nodeId, event })).catch((error: unknown) => {
        this.log.warn("an import event could not be sent to the other nodes", { id: event.status.id, error });
      });
    });
  }

  stop(): void {
    this.#stopLocal?.();
  }
}
