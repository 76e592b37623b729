import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

interface Parameter {
  name: string;
  in: string;
  required: boolean;
  schema: { type?: string; enum?: string[]; pattern?: string };
}
interface Doc {
  openapi: string;
  paths: Record<string, Record<string, { parameters?: Parameter[]; responses: Record<string, unknown> }>>;
}

let rt: TestRuntime;
let doc: Doc;

beforeAll(async () => {
  rt = await startTestRuntime({ SYMBOLS: "AAPL,MSFT" });
  rt.source.push("AAPL", 100);
  await rt.writer.flush();
  doc = (await (await rt.get("/api/openapi.json")).json()) as Doc;
});
afterAll(() => rt.stop());

/** What a documented string parameter accepts: its enum and pattern, as a client would check them. */
const accepts = (p: Parameter, value: string): boolean =>
  (p.schema.enum === undefined || p.schema.enum.includes(value)) &&
  (p.schema.pattern === undefined || new RegExp(p.schema.pattern).test(value));

describe("GET /api/openapi.json", () => {
  test("is an OpenAPI 3.1 document", () => {
    expect(doc.openapi).toBe("3.1.0");
  });

  test("documents every /api and /health route the app registers", () => {
    const registered = rt.app.routes
      .filter((r) => r.method !== "ALL" && (r.path.startsWith("/api/") || r.path.startsWith("/health/")))
      .filter((r) => r.path !== "/api/docs")
      .map((r) => ({ method: r.method.toLowerCase(), path: r.path.replace(/:(\w+)/g, "{$1}") }));
    expect(registered.length).toBeGreaterThan(10);
    const missing = registered.filter((r) => !doc.paths[r.path]?.[r.method]).map((r) => `${r.method} ${r.path}`);
    expect(missing).toEqual([]);
  });

  test("documents the JSON error of a 400", () => {
    const responses = doc.paths["/api/prices/{symbol}/candles"]!.get!.responses;
    expect(JSON.stringify(responses["400"])).toContain("#/components/schemas/Error");
  });

  test("a documented query schema rejects what the route rejects", async () => {
    const params = doc.paths["/api/prices/{symbol}/candles"]!.get!.parameters!;
    const interval = params.find((p) => p.name === "interval" && p.in === "query")!;
    const limit = params.find((p) => p.name === "limit" && p.in === "query")!;
    expect(interval.required).toBe(true);
    for (const [query, param, value] of [
      ["interval=2m", interval, "2m"],
      ["interval=1m&limit=ten", limit, "ten"],
    ] as const) {
      expect(accepts(param, value)).toBe(false);
      const res = await rt.get(`/api/prices/AAPL/candles?${query}`);
      expect(res.status).toBe(400);
    }
    expect(accepts(interval, "1m")).toBe(true);
    expect(accepts(limit, "20")).toBe(true);
    expect((await rt.get("/api/prices/AAPL/candles?interval=1m&limit=20")).status).toBe(200);
  });
});

describe("GET /api/docs", () => {
  test("renders every documented operation as HTML, with no inline script or style", async () => {
    const res = await rt.get("/api/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("text/html");
    expect(res.headers.get("Content-Security-Policy")).toContain("script-src 'self'");
    const page = await res.text();
    for (const path of Object.keys(doc.paths)) expect(page).toContain(path);
    expect(page).toContain("interval");
    expect(page).not.toMatch(/<script>|<style|style="|\son[a-z]+="/);
    expect(page).not.toMatch(/https?:\/\//);
  });
});
