/** What one stream of the real server sends, as a plan for the raw broadcaster to send the same. */
import type { BroadcastPlan } from "./raw-broadcaster.ts";

/** A stream that sends nothing for this long past the sampling time is given up. */
const QUIET_MS = 5000;

/**
 * Read one stream of `url` for about `rounds` tick rounds. Its first block is the greeting (what a
 * stream sends as it opens); the events after it (blocks with a `data:` line) are the live events;
 * `perRound` is their count over the rounds they span (first to last event, counted by `tickMs`,
 * both ends included).
 * @example const plan = await sampleStream(`${server.url}/api/stream`, 100, 20); // plan.perRound === 6
 */
export async function sampleStream(url: string, tickMs: number, rounds: number): Promise<BroadcastPlan> {
  const abort = new AbortController();
  const giveUp = setTimeout(() => abort.abort(), rounds * tickMs + QUIET_MS);
  const decoder = new TextDecoder();
  const events: string[] = [];
  let greeting = "";
  let firstAt = 0;
  let lastAt = 0;
  try {
    const res = await fetch(url, { signal: abort.signal });
    if (!res.ok || !res.body) throw new Error(`GET ${url} answered ${res.status}`);
    const reader = res.body.getReader();
    let text = decoder.decode((await reader.read()).value, { stream: true });
    const greetingEnd = text.includes("\n\n") ? text.indexOf("\n\n") + 2 : text.length;
    greeting = text.slice(0, greetingEnd);
    text = text.slice(greetingEnd);
    const deadline = performance.now() + rounds * tickMs;
    while (performance.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      const blocks = text.split("\n\n");
      text = blocks.pop() ?? "";
      for (const block of blocks.filter((b) => /^data:/m.test(b))) {
        events.push(`${block}\n\n`);
        lastAt = performance.now();
        firstAt ||= lastAt;
      }
    }
  } catch (error) {
    if (!abort.signal.aborted) throw error;
  } finally {
    clearTimeout(giveUp);
    abort.abort();
  }
  if (events.length === 0) throw new Error(`${url} sent no event in ${rounds} rounds of ${tickMs} ms`);
  const spanned = Math.round((lastAt - firstAt) / tickMs) + 1;
  return { tickMs, greeting, events, perRound: Math.max(1, Math.round(events.length / spanned)) };
}
