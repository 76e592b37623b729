import { afterAll, beforeAll } from "bun:test";
import { jsonLines } from "../../scripts/json-lines.ts";
import type { Faults } from "../../scripts/mock-price-api/faults.ts";
import { type ConfiguredRuntime, startConfiguredRuntime } from "./test-runtime.ts";

export interface MockApiProcess {
  /** Base URL of `/api/stock-prices`. */
  pricesUrl: string;
  setFaults(patch: Partial<Faults>): Promise<void>;
  stop(): Promise<void>;
}

/** Run `bun run mock-api` as a real process on free loopback ports. */
export async function spawnMockApi(args: string[] = []): Promise<MockApiProcess> {
  const proc = Bun.spawn(
    [process.execPath, "scripts/mock-price-api.ts", "--port", "0", "--control-port", "0", ...args],
    {
      stdout: "pipe",
      stderr: "inherit",
    },
  );
  const { value: listening } = await jsonLines<{ url: string; controlUrl: string }>(proc.stdout).next();
  if (!listening) throw new Error("the mock API exited before listening");
  const { url, controlUrl } = listening;
  return {
    pricesUrl: `${url}/api/stock-prices`,
    async setFaults(patch) {
      const res = await fetch(`${controlUrl}/_faults`, { method: "POST", body: JSON.stringify(patch) });
      if (!res.ok) throw new Error(`mock API refused faults ${JSON.stringify(patch)}: ${await res.text()}`);
    },
    async stop() {
      proc.kill("SIGTERM");
      await proc.exited;
    },
  };
}

/**
 * For a test file: a real mock API process and a runtime polling it (`PRICE_SOURCE=http`),
 * started before its tests and stopped after them.
 * @example const ctx = useMockApiRuntime({ TICK_MS: "40" }); … ctx.rt.get("/api/feed")
 */
export function useMockApiRuntime(env: Record<string, string>): { api: MockApiProcess; rt: ConfiguredRuntime } {
  const ctx = {} as { api: MockApiProcess; rt: ConfiguredRuntime };
  beforeAll(async () => {
    ctx.api = await spawnMockApi();
    ctx.rt = await startConfiguredRuntime({ PRICE_SOURCE: "http", PRICE_API_URL: ctx.api.pricesUrl, ...env });
  });
  afterAll(async () => {
    await ctx.rt.stop();
    await ctx.api.stop();
  });
  return ctx;
}
