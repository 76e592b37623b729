import { afterAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createParser } from "eventsource-parser";
import type { Tick } from "../../src/engine/tick.ts";
import type { StreamStats } from "../../src/sse/stream-hub.ts";
import { spawnServer } from "../support/server-process.ts";
import { tempDir } from "../support/test-runtime.ts";

const temp = tempDir();
afterAll(temp.remove);

/**
 * 40 symbols stepping every 20 ms: 2,000 ticks/s, enough to fill a socket that is not read within
 * seconds (the kernel takes a few MB first). Pages show a board of 10 of them.
 */
const SYMBOLS = Array.from({ length: 40 }, (_, i) => `S${i}`).join(",");
const BOARD = Array.from({ length: 10 }, (_, i) => `S${i}`).join(",");
const HOLD_MS = 30_000;
const SLOW_CLIENTS = 10;

const rssMb = (pid: number): number =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;

/** A client that sends its request, then never reads: its socket's window fills up. */
function stalledClient(url: URL, path: string) {
  const board = `board=slowreader${String(Math.random()).slice(2, 8)}:${BOARD}`;
  return Bun.connect({
    hostname: url.hostname,
    port: Number(url.port),
    socket: {
      open: (s) => void s.write(`GET ${path} HTTP/1.1\r\nHost: ${url.host}\r\nCookie: ${board}\r\n\r\n`),
      data: (s) => s.pause(),
    },
  });
}

describe("clients that stop reading", () => {
  test(
    "are dropped (integrations) or coalesced (pages): the server's memory stays bounded while a reader next to them gets every tick",
    async () => {
      const server = await spawnServer({ DATABASE_URL: `file:${join(temp.dir, "t.db")}`, SYMBOLS, TICK_MS: "20" });
      const url = new URL(server.url);
      const idle = rssMb(server.proc.pid);
      const reader = await fetch(`${server.url}api/stream`);
      const ids: number[] = [];
      const parser = createParser({ onEvent: (event) => ids.push((JSON.parse(event.data) as Tick).id) });
      const reading = (async () => {
        const stream = reader.body!.pipeThrough(new TextDecoderStream()).getReader();
        const until = Date.now() + HOLD_MS;
        while (Date.now() < until) {
          const { value, done } = await stream.read();
          if (done) break;
          parser.feed(value);
        }
        await stream.cancel();
      })();
      const stalled = await Promise.all(
        Array.from({ length: SLOW_CLIENTS }, (_, i) => stalledClient(url, i % 2 ? "/api/stream" : "/board/stream")),
      );
      let peak = idle;
      const sampler = setInterval(() => (peak = Math.max(peak, rssMb(server.proc.pid))), 250);
      await reading;
      clearInterval(sampler);

      const { streams } = (await (await fetch(`${server.url}health/ready`)).json()) as { streams: StreamStats };
      for (const socket of stalled) socket.end();
      expect(await server.terminate()).toBe(0);

      expect(ids.length).toBeGreaterThan(10_000);
      expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => ids[0]! + i));
      // Integrations that stopped reading were dropped; pages were coalesced (or cut at the write deadline).
      expect(streams.closed.slow).toBe(SLOW_CLIENTS / 2);
      expect(streams.coalesced + streams.closed.stalled).toBeGreaterThan(0);
      // What waits for the stalled pages is their bound (64 KB) and one message each, however long they stall.
      expect(streams.bufferedBytes).toBeLessThan((SLOW_CLIENTS / 2) * 128 * 1024);
      // Unbounded queues would hold ~10 MB per stalled client here; the rest is the garbage of rendering.
      expect(peak - idle).toBeLessThan(200);
    },
    HOLD_MS + 30_000,
  );
});
