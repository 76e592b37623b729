import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface TinyDisk {
  /** Where the file system is mounted. */
  dir: string;
  /** Give it room: `megabytes` MB in all, its files kept. */
  grow(megabytes: number): void;
  /** Unmount it and remove the mount point. */
  remove(): Promise<void>;
}

function run(command: string[]): void {
  const result = Bun.spawnSync(command, { stderr: "pipe" });
  if (result.exitCode !== 0)
    throw new Error(`${command.join(" ")} failed (it needs root): ${result.stderr.toString().trim()}`);
}

/**
 * A real file system of `megabytes` MB (tmpfs), to fill up: what a full disk does to uploads and
 * imports. Mounting needs root, as the tests have on this machine and in CI.
 */
export async function mountTinyDisk(megabytes: number): Promise<TinyDisk> {
  const dir = await mkdtemp(join(tmpdir(), "tickertape-tiny-disk-"));
  run(["mount", "-t", "tmpfs", "-o", `size=${megabytes}m`, "tmpfs", dir]);
  return {
    dir,
    grow: (size) => run(["mount", "-o", `remount,size=${size}m`, dir]),
    async remove() {
      run(["umount", "--lazy", dir]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
