import { beforeAll, describe, expect, test } from "bun:test";
import { rmSync, statSync } from "node:fs";
import { useListeningServer } from "../support/listening-server.ts";

const picture = "test-artifacts/screenshot.png";
beforeAll(() => rmSync(picture, { force: true }));
const ctx = useListeningServer();

describe("bun run screenshot", () => {
  test("without an output path, the picture goes where git ignores it", async () => {
    const proc = Bun.spawn([process.execPath, "scripts/screenshot.ts", ctx.server.url], {
      stdout: "pipe",
      stderr: "inherit",
    });
    expect(await proc.exited).toBe(0);
    expect(statSync(picture).size).toBeGreaterThan(1000);
    expect(await Bun.spawn(["git", "check-ignore", "-q", picture]).exited).toBe(0);
  }, 30_000);
});
