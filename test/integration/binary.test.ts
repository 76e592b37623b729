import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { cotahistText } from "../../scripts/generate-b3/cotahist.ts";
import { latin1 } from "../b3/support.ts";
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
    while (!out.includes('"listening"')) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the binary exited before listening: ${await new Response(proc.stderr).text()}`);
      out += value;
    }
    const { url } = JSON.parse(out.split("\n").find((line) => line.includes('"listening"'))!) as { url: string };
    expect((await fetch(`${url}health/live`)).status).toBe(200);
    // An import runs in the import worker, an entry point of its own that the executable embeds.
    const form = new FormData();
    const text = cotahistText({ records: 2000, perDay: 500, startDate: "2024-03-01" });
    form.set("file", new Blob([latin1(text) as Uint8Array<ArrayBuffer>]), "COTAHIST_A2024.TXT");
    const upload = await fetch(`${url}api/quotes/upload`, { method: "POST", body: form });
    expect(upload.status).toBe(202);
    const { id } = (await upload.json()) as { id: number };
    let status: { status: string; rowsInserted: number; failure: string | null } | undefined;
    while (status?.status !== "done" && status?.status !== "failed") {
      await Bun.sleep(50);
      status = (await (await fetch(`${url}api/imports/${id}`)).json()) as typeof status;
    }
    expect([status.status, status.rowsInserted, status.failure]).toEqual(["done", 2000, null]);
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
