import type { Faults } from "../../scripts/mock-price-api/faults.ts";

export interface MockApiProcess {
  /** Base URL of `/api/stock-prices`. */
  pricesUrl: string;
  setFaults(patch: Partial<Faults>): Promise<void>;
  stop(): Promise<void>;
}

/** Run `bun run mock-api` as a real process on free loopback ports. */
export async function spawnMockApi(args: string[] = []): Promise<MockApiProcess> {
  const proc = Bun.spawn([process.execPath, "scripts/mock-price-api.ts", "--port", "0", "--control-port", "0", ...args], {
    stdout: "pipe",
    stderr: "inherit",
  });
  const reader = proc.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!text.includes("\n")) {
    const chunk = await reader.read();
    if (chunk.done) throw new Error("the mock API exited before listening");
    text += chunk.value;
  }
  reader.releaseLock();
  const { url, controlUrl } = JSON.parse(text.split("\n")[0]!) as { url: string; controlUrl: string };
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
