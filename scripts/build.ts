import type { BunPlugin } from "bun";

/** `bun scripts/build.ts [OUTFILE]`: the executable, `dist/tickertape` by default. */
const OUTFILE = process.argv[2] ?? "dist/tickertape";

/** The `@libsql/*` package with the native module for this machine, which is also the executable's target. */
function libsqlPackage(): string {
  const { platform, arch } = process;
  if (platform === "win32") return `@libsql/win32-${arch}-msvc`;
  if (platform !== "linux") return `@libsql/${platform}-${arch}`;
  const { header } = process.report.getReport() as { header: { glibcVersionRuntime?: string } };
  return `@libsql/linux-${arch}-${header.glibcVersionRuntime ? "gnu" : "musl"}`;
}

/**
 * libsql picks its native module at run time with ``require(`@libsql/${target}`)``, which the bundler
 * cannot follow, so the executable would crash with "Cannot find module". Naming the package makes
 * the bundler embed its `index.node`; the executable extracts it to $TMPDIR when it starts.
 */
const embedLibsqlNative: BunPlugin = {
  name: "embed-libsql-native",
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]libsql[\\/]index\.js$/ }, async ({ path }) => {
      const source = await Bun.file(path).text();
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text of libsql's source, not a template
      const dynamicRequire = "require(`@libsql/${target}`)";
      if (!source.includes(dynamicRequire)) throw new Error(`${path} no longer contains ${dynamicRequire}`);
      return { contents: source.replace(dynamicRequire, `require(${JSON.stringify(libsqlPackage())})`), loader: "js" };
    });
  },
};

const result = await Bun.build({
  // The import worker runs on its own thread: `new Worker(…)` is not followed by the bundler, so it is listed.
  entrypoints: ["src/main.ts", "src/b3/import-worker.ts"],
  compile: { outfile: OUTFILE },
  minify: true,
  bytecode: true,
  format: "esm",
  sourcemap: "linked",
  plugins: [embedLibsqlNative],
});
if (!result.success) {
  for (const log of result.logs) console.error(log);
  process.exit(1);
}
console.log(`${OUTFILE}: ${(Bun.file(OUTFILE).size / 1e6).toFixed(1)} MB`);
