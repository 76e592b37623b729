import type { Config } from "./config.ts";
import type { Logger } from "./log.ts";
import { createRuntime, type Runtime } from "./runtime.ts";

export interface RunningServer extends Runtime {
  url: string;
}

/**
 * Build the runtime and listen; `stop()` also closes the listener before flushing.
 * @example const server = await startServer(loadConfig(process.env), log);
 */
export async function startServer(config: Config, log: Logger): Promise<RunningServer> {
  const runtime = await createRuntime(config, log);
  // Uploads stream to disk; Bun's own body cap (128 MB by default) must not be below MAX_UPLOAD_MB (+1 MB of multipart framing).
  const maxRequestBodySize = (config.maxUploadMb + 1) * 1024 * 1024;
  const server = Bun.serve({ port: config.port, hostname: config.host, fetch: runtime.app.fetch, maxRequestBodySize });
  const url = server.url.href.replace("0.0.0.0", "localhost");
  log.info("listening", { url, database: config.databaseUrl, symbols: [...runtime.engine.symbols], lastTickId: runtime.engine.lastId });
  return {
    ...runtime,
    url,
    async stop() {
      const closing = server.stop();
      await runtime.stop();
      await closing;
      log.info("stopped", { emitted: runtime.engine.emitted, written: runtime.writer.written, lastTickId: runtime.engine.lastId });
    },
  };
}
