/**
 * The load client of `bench fanout`, run as its own Bun process (see `openSwarm` in swarm.ts): holds
 * thousands of SSE streams on raw sockets (`Bun.connect`: no fetch cap, far less memory and CPU).
 *
 *   bun sse-swarm.ts <url> <connections> <seq-sample>
 *
 * Opens the streams, at most OPENING_AT_ONCE handshakes at a time, and prints a `SwarmOpened`
 * JSON line. Then, on stdin, `start` zeroes the counters and `stop` prints a `SwarmDone` line and
 * exits. Every stream counts its events; `seq-sample` of them, spread evenly, also check each tick's
 * `seq` (see `TickSeqCheck`). Bounded: a stream that has not answered within OPENING_TIMEOUT_MS
 * counts as failed, and the process exits on its own after MAX_LIFETIME_MS.
 */
import type { Socket } from "bun";
import { ChunkedBody } from "./chunked-body.ts";
import { type SeqFindings, SseTally, TickSeqCheck } from "./sse-tally.ts";

export interface SwarmOpened {
  phase: "open";
  /** Streams answered 200 and still open. */
  open: number;
  /** Answers other than 200, by status (a cap on streams answers 429 or 503). */
  refused: Record<string, number>;
  /** Connections refused, reset or silent before any answer. */
  failed: number;
  openMs: number;
}

export interface SwarmDone {
  phase: "done";
  seconds: number;
  events: number;
  bytes: number;
  /** Open streams that the server ended, or whose socket closed, before `stop`. */
  ended: number;
  seq: SeqFindings & { streams: number };
}

const OPENING_AT_ONCE = 200;
/** Every stream must have answered this long after the first was opened; the others count as failed. */
const OPENING_TIMEOUT_MS = 30_000;
/** A load client left alone stops by itself after this (a soak raises it with SWARM_MAX_LIFETIME_MS). */
const MAX_LIFETIME_MS = Number(process.env.SWARM_MAX_LIFETIME_MS ?? 300_000);
const HEAD_END = "\r\n\r\n";

interface Stream {
  tally: SseTally;
  seq: TickSeqCheck | undefined;
  /** The response head as it arrives; undefined once read. */
  head: string | undefined;
  body: ((bytes: Buffer) => void) | undefined;
  ended: boolean;
  /** Resolves with the status, or 0 when the connection failed before one. */
  answered: (status: number) => void;
}

/** Reads the head, then hands the body (chunked or not) to the stream's tally and seq check. */
function receive(stream: Stream, bytes: Buffer): void {
  if (stream.body) {
    stream.body(bytes);
    return;
  }
  stream.head = (stream.head ?? "") + bytes.toString("latin1");
  const headEnd = stream.head.indexOf(HEAD_END);
  if (headEnd < 0) return;
  const head = stream.head.slice(0, headEnd);
  const rest = Buffer.from(stream.head.slice(headEnd + HEAD_END.length), "latin1");
  stream.head = undefined;
  const status = Number(head.split(" ", 2)[1]);
  stream.answered(status);
  if (status !== 200) return;
  const payload = (piece: Uint8Array) => {
    stream.tally.feed(piece);
    stream.seq?.feed(piece);
  };
  if (/^transfer-encoding:\s*chunked/im.test(head)) {
    const chunked = new ChunkedBody(payload);
    stream.body = (piece) => {
      chunked.feed(piece);
      if (chunked.ended) stream.ended = true;
    };
  } else {
    stream.body = payload;
  }
  if (rest.length > 0) stream.body(rest);
}

const handlers = {
  data: (socket: Socket<Stream>, bytes: Buffer) => receive(socket.data, bytes),
  close: (socket: Socket<Stream>) => {
    socket.data.ended = true;
    socket.data.answered(0);
  },
  connectError: (socket: Socket<Stream>) => socket.data.answered(0),
};

/** Open one stream; resolves with its socket and the answer's status (0: no answer by `giveUpAt`). */
async function connect(
  url: URL,
  stream: Stream,
  giveUpAt: number,
): Promise<{ socket?: Socket<Stream>; status: number }> {
  const wait = giveUpAt - performance.now();
  if (wait <= 0) return { status: 0 };
  const timedOut = Bun.sleep(wait).then(() => undefined);
  const answered = new Promise<number>((resolve) => {
    stream.answered = resolve;
  });
  const connecting = Bun.connect<Stream>({
    hostname: url.hostname,
    port: Number(url.port),
    data: stream,
    socket: handlers,
  });
  const socket = await Promise.race([connecting.catch(() => undefined), timedOut]);
  if (!socket) return { status: 0 };
  socket.write(`GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nAccept: text/event-stream\r\n\r\n`);
  return { socket, status: (await Promise.race([answered, timedOut])) ?? 0 };
}

const print = (message: SwarmOpened | SwarmDone) => console.log(JSON.stringify(message));

async function main(url: URL, connections: number, sample: number): Promise<void> {
  setTimeout(() => {
    console.error(`sse-swarm: no stop within ${MAX_LIFETIME_MS} ms`);
    process.exit(1);
  }, MAX_LIFETIME_MS).unref();
  const stride = Math.max(1, Math.floor(connections / Math.max(1, sample)));
  const streams: Stream[] = Array.from({ length: connections }, (_, i) => ({
    tally: new SseTally(),
    seq: i % stride === 0 && i / stride < sample ? new TickSeqCheck() : undefined,
    head: undefined,
    body: undefined,
    ended: false,
    answered: () => {},
  }));
  const opened: Stream[] = [];
  const refused: Record<string, number> = {};
  const sockets: Socket<Stream>[] = [];
  let failed = 0;
  let next = 0;
  const started = performance.now();
  const giveUpAt = started + OPENING_TIMEOUT_MS;
  const opener = async () => {
    for (let i = next++; i < connections; i = next++) {
      const stream = streams[i] as Stream;
      const { socket, status } = await connect(url, stream, giveUpAt);
      if (socket && status === 200) {
        sockets.push(socket);
        opened.push(stream);
        continue;
      }
      socket?.terminate();
      if (status === 0) failed++;
      else refused[status] = (refused[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(OPENING_AT_ONCE, connections) }, opener));
  const live = opened.filter((s) => !s.ended);
  print({ phase: "open", open: live.length, refused, failed, openMs: performance.now() - started });

  let windowStart = performance.now();
  for await (const line of console) {
    if (line === "start") {
      for (const stream of live) stream.tally.reset();
      windowStart = performance.now();
    } else if (line === "stop") {
      const checked = live.flatMap((s) => (s.seq ? [s.seq.findings] : []));
      const sum = (key: keyof SeqFindings) => checked.reduce((total, f) => total + f[key], 0);
      print({
        phase: "done",
        seconds: (performance.now() - windowStart) / 1000,
        events: live.reduce((total, s) => total + s.tally.events, 0),
        bytes: live.reduce((total, s) => total + s.tally.bytes, 0),
        ended: live.filter((s) => s.ended).length,
        seq: {
          streams: checked.length,
          ticks: sum("ticks"),
          gaps: sum("gaps"),
          missing: sum("missing"),
          duplicates: sum("duplicates"),
        },
      });
      for (const socket of sockets) socket.terminate();
      process.exit(0);
    }
  }
  console.error("sse-swarm: stdin closed before stop");
  process.exit(1);
}

if (import.meta.main) {
  const [url = "", connections = "1", sample = "0"] = process.argv.slice(2);
  await main(new URL(url), Number(connections), Number(sample));
}
