import { loadConfig } from "./config.ts";
import { createLogger } from "./log.ts";
import { startServer } from "./server.ts";

try {
  const config = loadConfig(process.env);
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
  console.error(`Tickertape cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
