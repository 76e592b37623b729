/** Import boundaries, checked by `bun run lint`: data flows sources → engine → store and streams → routes → views. */
module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      comment: "An import cycle ties modules together so that none can be read, tested or moved alone.",
      severity: "error",
      from: { path: "^src/" },
      to: { circular: true },
    },
    {
      name: "views-render-only",
      comment: "Views render what they are given: no store, no engine state, no routes, not even their types.",
      severity: "error",
      from: { path: "^src/views/" },
      to: {
        path: "^src/(store|routes|sse|board)/|^src/(app|runtime|server|main)\\.ts$|^src/engine/(price-engine|tick-bus|tick-history|random-walk|sources/)",
      },
    },
    {
      name: "views-take-data-not-code",
      comment: "Outside src/views a view may import types, and the pure feed status; nothing that runs.",
      severity: "error",
      from: { path: "^src/views/" },
      to: { path: "^src/", pathNot: "^src/views/|^src/engine/feed-health\\.ts$", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "store-below-features",
      comment: "The store knows nothing of HTTP, HTML or the features built on it (their migrations are passed in).",
      severity: "error",
      from: { path: "^src/store/" },
      to: { path: "^src/(routes|views|sse|board|b3|portfolio)/|^src/(app|runtime|server)\\.ts$" },
    },
    {
      name: "engine-independent",
      comment: "The engine is fed by sources and read by everything else; it imports neither the store nor HTTP nor HTML.",
      severity: "error",
      from: { path: "^src/engine/" },
      to: { path: "^src/(routes|views|store|sse|board)/|^src/(app|runtime|server)\\.ts$" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    parser: "swc",
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js"] },
  },
};
