import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { tempDir } from "../support/test-runtime.ts";

const temp = tempDir();
const binary = join(temp.dir, "tickertape");
beforeAll(async () => {
  const build = Bun.spawn([process.execPath, "scripts/build.ts", binary], { stdout: "ignore", stderr: "pipe" });
  if ((await build.exited) !== 0) throw new Error(`build failed: ${await new Response(build.stderr).text()}`);
}, 120_000);
afterAll(temp.remove);

function run(env: Record<string, string>) {
  return Bun.spawn([binary], {
    cwd: temp.dir,
    env: {
      PATH: process.env.PATH ?? "",
      HOST: "127.0.0.1",
      PORT: "0",
      DATABASE_URL: `file:${join(temp.dir, "t.db")}`,
      ...env,
    },
    stdout: "pipe",
    stderr: "pipe",
  });
}

describe("the single binary (bun run build)", () => {
  test("starts on its own, answers, and exits 0 on SIGTERM", async () => {
    const proc = run({ TMPDIR: temp.dir });
    const reader = proc.stdout.pipeThrough(new TextDecoderStream()).getReader();
    let out = "";
    while (!out.includes('"listening"')) out += (await reader.read()).value ?? "";
    const { url } = JSON.parse(out.split("\n").find((line) => line.includes('"listening"'))!) as { url: string };
    expect((await fetch(`${url}health/live`)).status).toBe(200);
    proc.kill("SIGTERM");
    expect(await proc.exited).toBe(0);
  }, 30_000);

  test("a TMPDIR it cannot unpack into stops the start with one line naming it", async () => {
    const proc = run({ TMPDIR: join(temp.dir, "missing") });
    expect(await proc.exited).toBe(1);
    const stderr = (await new Response(proc.stderr).text()).trim();
    expect(stderr).toBe(
      `Tickertape cannot start: cannot load libSQL's native module (the executable unpacks it into TMPDIR=${join(temp.dir, "missing")}, which must be a writable directory)`,
    );
  }, 30_000);
});
