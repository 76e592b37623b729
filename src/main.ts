import { loadConfig } from "./config.ts";
import { createLogger } from "./log.ts";

try {
  const config = loadConfig(process.env);
  // Imported here, not above: loading libSQL's native module can fail (see `startFailure`).
  const { startServer } = await import("./server.ts");
  const log = createLogger(config.logLevel);
  const server = await startServer(config, log);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // A database that does not answer must not keep the process from ending: past the limit, exit 1.
    setTimeout(() => {
      log.error("shutdown did not finish in time, exiting", {
        shutdownTimeoutMs: config.shutdownTimeoutMs,
        pendingTicks: server.writer.health.pending,
      });
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    await server.stop();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
} catch (error) {
  console.error(`Tickertape cannot start: ${startFailure(error)}`);
  process.exit(1);
}

/** One line that says what to fix. */
function startFailure(error: unknown): string {
  if (error instanceof Error && "code" in error && error.code === "ERR_DLOPEN_FAILED") {
    const tmp = process.env.TMPDIR ?? "/tmp";
    return `cannot load libSQL's native module (the executable unpacks it into TMPDIR=${tmp}, which must be a writable directory)`;
  }
  return error instanceof Error ? error.message : String(error);
}
