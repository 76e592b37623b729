/** A few SSE clients held by the bench itself: every tick kept with the time it arrived, for latencies and ids. */
import { createParser } from "eventsource-parser";

/** A tick as a client saw it: its fields, and when it arrived (ms since the epoch). */
export interface ReceivedTick {
  id: number;
  symbol: string;
  seq: number;
  /** The engine source's clock when the price stepped (`Date.now()`, on this machine). */
  ts: number;
  /** `Date.now()` as it arrived: the nodes' clock (this VM's wall clock runs apart from the monotonic one). */
  receivedAt: number;
}

/** One open stream: what it received so far, until `close()`. */
export interface TickWatch {
  readonly ticks: ReceivedTick[];
  close(): void;
}

/**
 * Open `url` (an `/api/stream`) and keep every `tick` event with its arrival time.
 * @example const watch = await watchTicks(`${node.url}api/stream`); …; watch.close(); watch.ticks.length
 */
export async function watchTicks(url: string): Promise<TickWatch> {
  const abort = new AbortController();
  const response = await fetch(url, { signal: abort.signal, headers: { Accept: "text/event-stream" } });
  if (!response.ok || !response.body) throw new Error(`GET ${url} answered ${response.status}`);
  const ticks: ReceivedTick[] = [];
  const parser = createParser({
    onEvent(event) {
      if (event.event !== "tick") return;
      const receivedAt = Date.now();
      const { id, symbol, seq, ts } = JSON.parse(event.data) as ReceivedTick;
      ticks.push({ id, symbol, seq, ts, receivedAt });
    },
  });
  const body = response.body;
  void (async () => {
    try {
      for await (const text of body.pipeThrough(new TextDecoderStream())) parser.feed(text);
    } catch {
      // Aborted by close(), or the node died: the stream is over either way.
    }
  })();
  return { ticks, close: () => abort.abort() };
}

/** What a client's ids and seqs show: ids must rise by one, and each symbol's seq too. */
export interface TickOrder {
  ticks: number;
  /** Places where the id jumped forward, and the ids skipped there in all. */
  idGaps: number;
  missingIds: number;
  /** Ticks whose id was not above the one before (repeated or out of order). */
  duplicates: number;
  /** Places where a symbol's seq jumped forward or went back. */
  seqFaults: number;
}

/**
 * Check the ids and per-symbol seqs of `ticks` (in arrival order).
 * @example tickOrder(watch.ticks).idGaps === 0
 */
export function tickOrder(ticks: readonly ReceivedTick[]): TickOrder {
  const order: TickOrder = { ticks: ticks.length, idGaps: 0, missingIds: 0, duplicates: 0, seqFaults: 0 };
  const seqs = new Map<string, number>();
  let lastId: number | undefined;
  for (const tick of ticks) {
    if (lastId !== undefined && tick.id <= lastId) order.duplicates++;
    else if (lastId !== undefined && tick.id > lastId + 1) {
      order.idGaps++;
      order.missingIds += tick.id - lastId - 1;
    }
    lastId = Math.max(lastId ?? tick.id, tick.id);
    const seq = seqs.get(tick.symbol);
    if (seq !== undefined && tick.seq !== seq + 1) order.seqFaults++;
    seqs.set(tick.symbol, tick.seq);
  }
  return order;
}

/**
 * The `q` quantile (0–1) of `values` (nearest rank), NaN when there are none.
 * @example quantile([3, 1, 2], 0.5) // 2
 */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}
