/**
 * `bun scripts/ensure-chromium.ts`: make sure the browser tests have a Chromium to drive.
 *
 * Uses $CHROMIUM_PATH when set, else Debian's /usr/bin/chromium (the path test/browser/chromium.ts
 * launches). When it is missing and we are root on Linux, installs the `chromium` package with
 * apt-get; otherwise it stops with a message saying what to do.
 */
import { existsSync } from "node:fs";

const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const fail = (message: string): never => {
  console.error(`ensure-chromium: ${message}`);
  process.exit(1);
};

const run = (cmd: string[]): void => {
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const { exitCode } = Bun.spawnSync(cmd, { env, stdin: "ignore", stdout: "inherit", stderr: "inherit" });
  if (exitCode !== 0)
    fail(`\`${cmd.join(" ")}\` failed (exit ${exitCode}); install Chromium yourself or set CHROMIUM_PATH.`);
};

if (!existsSync(path)) {
  if (process.env.CHROMIUM_PATH) fail(`CHROMIUM_PATH=${path} does not exist.`);
  if (process.platform !== "linux" || process.getuid?.() !== 0) {
    fail(
      `no Chromium at ${path}. Install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary.`,
    );
  }
  console.log(`ensure-chromium: no Chromium at ${path}, installing it with apt-get…`);
  run(["apt-get", "update"]);
  run(["apt-get", "install", "-y", "chromium"]);
  if (!existsSync(path)) fail(`apt-get installed chromium but ${path} is still missing; set CHROMIUM_PATH.`);
  console.log(`ensure-chromium: installed ${path}`);
}
