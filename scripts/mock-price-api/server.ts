import * as v from "valibot";
import { type Faults, FaultsPatch } from "./faults.ts";
import { body, quote, type Ranges } from "./quotes.ts";

export interface MockPriceApiOptions {
  hostname: string;
  port: number;
  /** Where `/_faults` is served, also while the API port is down. */
  controlPort: number;
  ranges: Ranges;
  faults: Faults;
}

export interface MockPriceApi {
  url: string;
  controlUrl: string;
  faults(): Faults;
  setFaults(patch: Partial<Faults>): Faults;
  stop(): Promise<void>;
}

/**
 * A stand-in for an external price API, with faults on demand.
 * @example const api = startMockPriceApi({ hostname: "127.0.0.1", port: 1080, controlPort: 1081, ranges, faults });
 */
export function startMockPriceApi(options: MockPriceApiOptions): MockPriceApi {
  let faults: Faults = { ...options.faults };
  let api: ReturnType<typeof Bun.serve> | undefined;
  const json = (text: string, status = 200) =>
    new Response(text, { status, headers: { "Content-Type": "application/json" } });

  const answer = async (req: Request): Promise<Response> => {
    const url = new URL(req.url);
    if (url.pathname === "/_faults") return control(req);
    if (faults.latencyMs > 0) await Bun.sleep(faults.latencyMs);
    if (Math.random() < faults.errorRate) return json('{"error":"injected failure"}', 503);
    if (url.pathname === "/api/stock-prices") {
      return json(
        body(
          Object.entries(options.ranges).map(([symbol, range]) => quote(symbol, range)),
          faults.malformed,
        ),
      );
    }
    const match = /^\/api\/stock-prices\/([^/]+)$/.exec(url.pathname);
    const symbol = match?.[1]?.toUpperCase() ?? "";
    const range = options.ranges[symbol];
    if (!range) return json(JSON.stringify({ error: `unknown symbol ${symbol}` }), 404);
    return json(body(quote(symbol, range), faults.malformed));
  };

  const control = async (req: Request): Promise<Response> => {
    if (req.method === "GET") return Response.json(faults);
    if (req.method !== "POST") return json('{"error":"use GET or POST"}', 405);
    const parsed = v.safeParse(FaultsPatch, await req.json().catch(() => undefined));
    if (!parsed.success) return json(JSON.stringify({ error: v.summarize(parsed.issues) }), 400);
    return Response.json(setFaults(parsed.output));
  };

  let port = options.port;
  const setFaults = (patch: Partial<Faults>): Faults => {
    faults = { ...faults, ...patch };
    if (faults.down && api) {
      void api.stop(true);
      api = undefined;
    }
    if (!faults.down && !api) {
      api = Bun.serve({ hostname: options.hostname, port, fetch: answer });
      port = api.port ?? port;
    }
    return faults;
  };

  setFaults({});
  const controlServer = Bun.serve({ hostname: options.hostname, port: options.controlPort, fetch: control });
  return {
    url: `http://${options.hostname}:${port}`,
    controlUrl: `http://${options.hostname}:${controlServer.port}`,
    faults: () => faults,
    setFaults,
    async stop() {
      await Promise.all([api?.stop(true), controlServer.stop(true)]);
    },
  };
}
