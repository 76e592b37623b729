import type { Config } from "./config.ts";
import type { Logger } from "./log.ts";
import { createRuntime, type Runtime } from "./runtime.ts";

/** How long open connections may take to finish once the server stops, before they are cut. */
const CLOSE_GRACE_MS = 3000;

export interface RunningServer extends Runtime {
  url: string;
}

/**
 * Build the runtime and listen; `stop()` also closes the listener before flushing.
 * @example const server = await startServer(loadConfig(process.env), log);
 */
export async function startServer(config: Config, log: Logger): Promise<RunningServer> {
  const runtime = await createRuntime(config, log);
  // Bun's own body cap answers an empty 413 before any route runs, whatever the route would say. Every
  // route that reads a body caps it itself, with an answer a person can read: uploads at MAX_UPLOAD_MB
  // (Content-Length up front, counted bytes as they stream), forms and events at 1 MB (smallBody).
  // So Bun's cap is set out of their way; a body no route reads is not read.
  const maxRequestBodySize = Number.MAX_SAFE_INTEGER;
  const fetch = (request: Request, server: Bun.Server<undefined>) =>
    runtime.app.fetch(withAbsoluteUrl(request), server);
  const server = Bun.serve({ port: config.port, hostname: config.host, fetch, maxRequestBodySize });
  const url = server.url.href.replace("0.0.0.0", "localhost");
  log.info("listening", {
    url,
    database: config.databaseUrl,
    symbols: [...runtime.engine.symbols],
    lastTickId: runtime.engine.lastId,
  });
  return {
    ...runtime,
    url,
    async stop() {
      const closing = server.stop();
      await runtime.stop();
      // A client that stopped reading never lets its ended stream drain: past the grace, cut it.
      if ((await Promise.race([closing.then(() => true), Bun.sleep(CLOSE_GRACE_MS).then(() => false)])) === false)
        await server.stop(true);
      log.info("stopped", {
        emitted: runtime.engine.emitted,
        written: runtime.writer.written,
        lastTickId: runtime.engine.lastId,
      });
    },
  };
}

/**
 * An HTTP/1.0 request without `Host` (a load balancer's probe) reaches Bun with a bare path as its
 * URL, which routing cannot read: give it this server's name. Other requests pass untouched.
 */
function withAbsoluteUrl(request: Request): Request {
  return request.url.startsWith("/") ? new Request(`http://localhost${request.url}`, request) : request;
}
