import { afterAll, describe, expect, test } from "bun:test";
import type { Connection } from "../../src/sse/connection.ts";
import { StreamHub, StreamRefused } from "../../src/sse/stream-hub.ts";
import { eventually } from "../support/sse-reader.ts";

/** A real server whose only route opens a stream on `hub` and hands the connection to the test. */
function serve(hub: StreamHub, overflow: "coalesce" | "disconnect") {
  const opened: Connection[] = [];
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    fetch: (request, srv) => {
      srv.timeout(request, 0);
      const conn = hub.open({ client: "test", overflow });
      opened.push(conn);
      return conn.response;
    },
  });
  return { server, opened };
}

/** A client that sends its request, then never reads (its receive window fills up). */
async function stalledClient(port: number): Promise<{ end(): void }> {
  const socket = await Bun.connect({
    hostname: "127.0.0.1",
    port,
    socket: { data: (s) => s.pause(), open: (s) => void s.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n") },
  });
  return { end: () => socket.end() };
}

const chunk = new Uint8Array(32 * 1024).fill(0x61);
const hubs: StreamHub[] = [];
const hubWith = (options: Partial<ConstructorParameters<typeof StreamHub>[0]> = {}) => {
  const hub = new StreamHub({
    heartbeatMs: 60_000,
    writeTimeoutMs: 60_000,
    maxStreams: 100,
    maxStreamsPerClient: 100,
    ...options,
  });
  hubs.push(hub);
  return hub;
};
afterAll(() => {
  for (const hub of hubs) hub.close();
});

describe("a stream's bound holds at the socket", () => {
  test("an integration that stops reading is disconnected once its socket and buffer are full", async () => {
    const hub = hubWith();
    const { server, opened } = serve(hub, "disconnect");
    const client = await stalledClient(server.port!);
    await eventually(() => opened.length === 1);
    const conn = opened[0]!;
    let written = 0;
    while (!conn.closed && written < 512 * 1024 * 1024) {
      conn.write(chunk);
      written += chunk.byteLength;
      await Bun.sleep(0);
    }
    expect(conn.closed).toBe(true);
    expect(hub.counts.closed.slow).toBe(1);
    expect(written).toBeLessThan(64 * 1024 * 1024);
    client.end();
    await server.stop(true);
  });

  test("a page that stops reading coalesces: it skips rounds, then gets the latest state once it reads", async () => {
    const hub = hubWith();
    const { server, opened } = serve(hub, "coalesce");
    let paused = true;
    let received = "";
    const socket = await Bun.connect({
      hostname: "127.0.0.1",
      port: server.port!,
      socket: {
        open: (s) => void s.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n"),
        data: (s, bytes) => {
          if (paused) s.pause();
          else received += new TextDecoder().decode(bytes);
        },
      },
    });
    await eventually(() => opened.length === 1);
    const conn = opened[0]!;
    conn.catchUpWith(() => new TextEncoder().encode("data: latest\n\n"));
    while (!conn.backlogged) {
      conn.write(chunk);
      await Bun.sleep(0);
    }
    for (let i = 0; i < 100; i++) conn.write(chunk);
    expect(conn.coalesced).toBe(100);
    expect(conn.closed).toBe(false);

    paused = false;
    socket.resume();
    await eventually(() => received.includes("data: latest"));
    socket.end();
    await server.stop(true);
  });

  test("a stream whose socket takes nothing for the write deadline is closed", async () => {
    const hub = hubWith({ writeTimeoutMs: 300 });
    const { server, opened } = serve(hub, "coalesce");
    const client = await stalledClient(server.port!);
    await eventually(() => opened.length === 1);
    const conn = opened[0]!;
    while (!conn.backlogged) {
      conn.write(chunk);
      await Bun.sleep(0);
    }
    await eventually(() => conn.closed);
    expect(hub.counts.closed.stalled).toBe(1);
    client.end();
    await server.stop(true);
  });
});

describe("stream caps", () => {
  test("past the cap per client, and past the global cap, a stream is refused; closing one frees a place", () => {
    const hub = hubWith({ maxStreams: 3, maxStreamsPerClient: 2 });
    const first = hub.open({ client: "a", overflow: "coalesce" });
    hub.open({ client: "a", overflow: "coalesce" });
    expect(() => hub.open({ client: "a", overflow: "coalesce" })).toThrow(new StreamRefused("client"));
    hub.open({ client: "b", overflow: "coalesce" });
    expect(() => hub.open({ client: "c", overflow: "coalesce" })).toThrow(new StreamRefused("server"));
    first.close("client");
    expect(hub.open({ client: "a", overflow: "coalesce" }).closed).toBe(false);
    expect(hub.counts).toMatchObject({ open: 3, refused: 2 });
  });
});
