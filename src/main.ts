import { loadConfig } from "./config.ts";
import { createLogger } from "./log.ts";

try {
  const config = loadConfig(process.env);
  // Imported here, not above: loading libSQL's native module can fail (see `startFailure`).
  const { startServer } = await import("./server.ts");
  const server = await startServer(config, createLogger(config.logLevel));
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
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
