import { afterAll, describe, expect, test } from "bun:test";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { detectFormat } from "../../src/b3/detect.ts";
import { BadLine } from "../../src/b3/line-parser.ts";
import { NegociosParser } from "../../src/b3/negocios.ts";
import { readZipDirectory, zipEntryChunks } from "../../src/b3/zip-reader.ts";

const dir = await mkdtemp(join(tmpdir(), "tickertape-generate-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Run `scripts/generate-b3.ts` with `args` as its own process. */
async function generate(...args: string[]) {
  const proc = Bun.spawn([process.execPath, "scripts/generate-b3.ts", ...args], { stdout: "pipe", stderr: "pipe" });
  const [stdout, stderr, code] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ]);
  return { stdout, stderr, code };
}

async function entryBytes(path: string, name: string): Promise<Uint8Array> {
  const entry = (await readZipDirectory(path)).find((e) => e.name === name);
  if (!entry) throw new Error(`no ${name} in ${path}`);
  const parts: Uint8Array[] = [];
  for await (const chunk of zipEntryChunks(path, entry, () => {})) parts.push(chunk);
  return new Uint8Array(Buffer.concat(parts));
}

describe("scripts/generate-b3.ts", () => {
  test("negocios: every trade is a valid line (HoraFechamento included)", async () => {
    const out = join(dir, "NEGOCIOSAVISTA.txt");
    expect(await generate("negocios", "--trades", "500", "--out", out)).toMatchObject({ code: 0, stderr: "" });
    const parser = new NegociosParser(out);
    const problems = (await Bun.file(out).text()).split(/\r?\n/).flatMap((line, i) => {
      try {
        parser.line(line, i + 1);
        return [];
      } catch (error) {
        if (error instanceof BadLine) return [`line ${i + 1}: ${error.message}`];
        throw error;
      }
    });
    expect(problems).toEqual([]);
  });

  test("--help prints the usage and succeeds; an unknown option is a one-line error", async () => {
    const help = await generate("--help");
    expect(help).toMatchObject({ code: 0, stderr: "" });
    expect(help.stdout).toStartWith("usage: bun scripts/generate-b3.ts cotahist|negocios --out PATH");
    const unknown = await generate("cotahist", "--out", join(dir, "x.TXT"), "--colour");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toStartWith("generate-b3: Unknown option '--colour'");
    expect(unknown.stderr).not.toContain("TypeError");
    expect(await readdir(dir)).not.toContain("x.TXT");
  });

  test("--zip --out X.zip writes one zip at X.zip, holding the file", async () => {
    const zipDir = await mkdtemp(join(dir, "zip-"));
    const cotahist = join(zipDir, "COTAHIST_A2024.zip");
    const negocios = join(zipDir, "NEGOCIOSAVISTA.txt.zip");
    expect(await generate("cotahist", "--records", "20", "--zip", "--out", cotahist)).toMatchObject({
      code: 0,
      stderr: "",
    });
    expect(await generate("negocios", "--trades", "20", "--zip", "--out", negocios)).toMatchObject({
      code: 0,
      stderr: "",
    });
    expect((await readdir(zipDir)).sort()).toEqual(["COTAHIST_A2024.zip", "NEGOCIOSAVISTA.txt.zip"]);
    expect((await readZipDirectory(cotahist)).map((e) => e.name)).toEqual(["COTAHIST_A2024.TXT"]);
    expect(detectFormat(await entryBytes(cotahist, "COTAHIST_A2024.TXT"))).toBe("cotahist");
    expect((await readZipDirectory(negocios)).map((e) => e.name)).toEqual(["NEGOCIOSAVISTA.txt"]);
    expect(detectFormat(await entryBytes(negocios, "NEGOCIOSAVISTA.txt"))).toBe("negocios");
  });
});
