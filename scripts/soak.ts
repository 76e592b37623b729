/**
 * `bun run soak [--minutes 10]`: the real server (its own process, 127.0.0.1, a temp database) under
 * 2,000 `/api/stream` clients, the engine at 10 ticks/s per symbol, page requests, portfolio events
 * and a B3 import every minute. Prints RSS, the worst `/health/live` latency (event-loop lag), ticks
 * published vs persisted and errors every minute, and ends with a verdict. Not part of CI.
 */

import { join } from "node:path";
import { createClient } from "@libsql/client";
import { EVENTS_TOKEN } from "./bench/bench-events.ts";
import { rssBytes } from "./bench/proc-usage.ts";
import { serverEnv, startServerProcess } from "./bench/server-process.ts";
import { withService } from "./bench/service.ts";
import { openSwarm } from "./bench/swarm.ts";
import { withTempDir } from "./bench/temp-dir.ts";
import { Traffic } from "./soak/traffic.ts";

const flag = process.argv.indexOf("--minutes");
const minutes = flag >= 0 ? Number(process.argv[flag + 1]) : 10;
if (!Number.isInteger(minutes) || minutes < 1 || minutes > 600) {
  console.error("usage: bun run soak [--minutes N]  (N: 1 to 600, default 10)");
  process.exit(2);
}
const STREAMS = 2_000;
const ENV = { TICK_MS: "100", EVENTS_TOKEN, MAX_STREAMS: "5000", MAX_STREAMS_PER_IP: "5000", TICK_RETENTION: "0" };

await withTempDir(async (dir) => {
  await withService(startServerProcess(dir, ENV), async (server) => {
    const db = createClient({ url: serverEnv(dir).DATABASE_URL ?? "" });
    process.env.SWARM_MAX_LIFETIME_MS = String((minutes + 5) * 60_000);
    const swarm = await openSwarm(`${server.url}/api/stream`, STREAMS, 2, 20);
    console.log(
      `soak: ${swarm.opened.open} streams open (${JSON.stringify(swarm.opened.refused)} refused), ${minutes} min`,
    );
    swarm.start();
    const traffic = new Traffic(server.url, join(import.meta.dir, "../test/fixtures/b3/COTAHIST_DEMO_12022003.TXT"));
    const rss: number[] = [];
    let ticksAgree = true;
    for (let minute = 1; minute <= minutes; minute++) {
      const window = await traffic.runFor(60_000);
      // Read before the database: a tick committed in between can only make `persisted` larger.
      const published = await traffic.publishedId();
      const table = await db.execute("SELECT COUNT(*) AS n, COALESCE(MAX(id), 0) AS last FROM ticks");
      const [persisted, last] = [Number(table.rows[0]?.n), Number(table.rows[0]?.last)];
      ticksAgree &&= persisted === last && published <= last;
      rss.push(rssBytes(server.pid) / 1e6);
      console.log(
        `minute ${minute}: RSS ${rss.at(-1)?.toFixed(0)} MB, worst /health/live ${window.worstProbeMs.toFixed(1)} ms, ` +
          `ticks published ${published} / persisted ${persisted} (last id ${last}), requests ${window.requests}, ` +
          `errors ${window.errors}`,
      );
    }
    const done = await swarm.stop();
    db.close();
    const afterWarmUp = rss[0] ?? 0;
    const flat = rss.every((mb) => mb <= afterWarmUp * 1.1);
    const errors = traffic.errors + done.ended + done.seq.gaps + done.seq.duplicates;
    console.log(
      `streams: ${done.events} events, ${done.ended} ended early, seq sample: ${done.seq.gaps} gaps, ${done.seq.duplicates} duplicates`,
    );
    const verdict = flat && ticksAgree && errors === 0;
    console.log(
      `verdict: ${verdict ? "PASS" : "FAIL"} — RSS ${flat ? "flat" : "grew"} within 10 % of minute 1 ` +
        `(${rss.map((mb) => mb.toFixed(0)).join(", ")} MB); published = persisted: ${ticksAgree}; errors: ${errors}`,
    );
    process.exitCode = verdict ? 0 : 1;
  });
});
