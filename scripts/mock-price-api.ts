/**
 * `bun run mock-api [--port 1080] [--control-port 1081] [--ranges ranges.json]
 *   [--error-rate 0.2] [--latency-ms 500] [--down] [--malformed string-price]`
 *
 * A mock external price API on 127.0.0.1: `GET /api/stock-prices` and `/api/stock-prices/:symbol`.
 * Faults change at run time with `POST /_faults {"errorRate":1}` (on the API port, or on the control
 * port, which stays up while the API is `down`).
 */
import { parseArgs } from "node:util";
import * as v from "valibot";
import { FaultsPatch, MALFORMED_KINDS, NO_FAULTS } from "./mock-price-api/faults.ts";
import { DEFAULT_RANGES, type Ranges } from "./mock-price-api/quotes.ts";
import { startMockPriceApi } from "./mock-price-api/server.ts";

const RangesFile = v.record(v.pipe(v.string(), v.regex(/^[A-Z][A-Z0-9.]{0,11}$/)), v.tuple([v.number(), v.number()]));

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.MOCK_API_PORT ?? "1080" },
    "control-port": { type: "string" },
    host: { type: "string", default: "127.0.0.1" },
    ranges: { type: "string" },
    "error-rate": { type: "string" },
    "latency-ms": { type: "string" },
    down: { type: "boolean" },
    malformed: { type: "string" },
  },
});

function fail(message: string): never {
  console.error(`mock-price-api: ${message}`);
  process.exit(2);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0–65535, got ${values.port}`);
const controlPort = values["control-port"] === undefined ? (port === 0 ? 0 : port + 1) : Number(values["control-port"]);
const ranges: Ranges = values.ranges
  ? v.parse(
      RangesFile,
      await Bun.file(values.ranges)
        .json()
        .catch((e) => fail(`cannot read --ranges: ${e}`)),
    )
  : DEFAULT_RANGES;
const patch = v.safeParse(FaultsPatch, {
  ...(values["error-rate"] !== undefined && { errorRate: Number(values["error-rate"]) }),
  ...(values["latency-ms"] !== undefined && { latencyMs: Number(values["latency-ms"]) }),
  ...(values.down && { down: true }),
  ...(values.malformed !== undefined && { malformed: values.malformed }),
});
if (!patch.success)
  fail(`bad fault option (${v.summarize(patch.issues)}); --malformed is one of ${MALFORMED_KINDS.join(", ")}`);

const api = startMockPriceApi({
  hostname: values.host,
  port,
  controlPort,
  ranges,
  faults: { ...NO_FAULTS, ...patch.output },
});
console.log(
  JSON.stringify({
    message: "mock price API listening",
    url: api.url,
    controlUrl: api.controlUrl,
    faults: api.faults(),
  }),
);
const stop = async () => {
  await api.stop();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
