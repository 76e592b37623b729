import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../../src/config.ts";
import { createLogger } from "../../src/log.ts";
import { type RunningServer, startServer } from "../../src/server.ts";
import { tempDir } from "../support/test-runtime.ts";

const temp = tempDir();
const picture = "test-artifacts/screenshot.png";
let server: RunningServer;
beforeAll(async () => {
  rmSync(picture, { force: true });
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    DATABASE_URL: `file:${join(temp.dir, "t.db")}`,
    LOG_LEVEL: "silent",
  });
  server = await startServer(config, createLogger("silent"));
});
afterAll(async () => {
  await server.stop();
  temp.remove();
});

describe("bun run screenshot", () => {
  test("without an output path, the picture goes where git ignores it", async () => {
    const proc = Bun.spawn([process.execPath, "scripts/screenshot.ts", server.url], {
      stdout: "pipe",
      stderr: "inherit",
    });
    expect(await proc.exited).toBe(0);
    expect(statSync(picture).size).toBeGreaterThan(1000);
    expect(await Bun.spawn(["git", "check-ignore", "-q", picture]).exited).toBe(0);
  }, 30_000);
});
