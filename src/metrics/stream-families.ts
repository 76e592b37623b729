import type { Audience } from "../sse/audience.ts";
import type { StreamStats } from "../sse/stream-hub.ts";
import { type Family, scalar } from "./exposition.ts";

/** The streams of one kind: an audience (api, board, symbol, portfolio, quotes) and how many it holds. */
export type StreamKind = Pick<Audience, "name" | "size">;

/**
 * The event streams: open by kind, opened, refused and closed, and what they queued for their sockets.
 * Every open stream is in the audience of its kind, so the open ones sum up to all of them.
 * @example streamFamilies(live.hub.stats(), [live.ticks.audience, live.boards.audience]);
 */
export function streamFamilies(stats: StreamStats, kinds: readonly StreamKind[]): Family[] {
  return [
    {
      name: "tickertape_streams_open",
      help: "Event streams open now, by kind (api, board, symbol, portfolio, quotes); sum them for all.",
      type: "gauge",
      samples: kinds.map(({ name, size }) => ({ labels: { kind: name }, value: size })),
    },
    scalar("tickertape_streams_opened_total", "Event streams opened.", "counter", stats.opened),
    scalar("tickertape_streams_refused_total", "Event streams refused by the stream caps.", "counter", stats.refused),
    {
      name: "tickertape_streams_closed_total",
      help: "Event streams closed, by reason (slow: dropped for not keeping up).",
      type: "counter",
      samples: Object.entries(stats.closed).map(([reason, value]) => ({ labels: { reason }, value })),
    },
    scalar(
      "tickertape_streams_buffered_bytes",
      "Bytes queued for open streams, not yet taken.",
      "gauge",
      stats.bufferedBytes,
    ),
    scalar(
      "tickertape_streams_coalesced_rounds",
      "Rounds the open streams skipped (full sockets).",
      "gauge",
      stats.coalesced,
    ),
    scalar(
      "tickertape_stream_events_sent_total",
      "Writes of frames queued for stream sockets (a round's batch, a side update, a first message); heartbeats not included.",
      "counter",
      stats.sent.events,
    ),
    scalar(
      "tickertape_stream_heartbeats_sent_total",
      "Heartbeat comments queued for quiet streams.",
      "counter",
      stats.sent.heartbeats,
    ),
    scalar(
      "tickertape_stream_bytes_sent_total",
      "Bytes queued for stream sockets, events and heartbeats.",
      "counter",
      stats.sent.bytes,
    ),
  ];
}
