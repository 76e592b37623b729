import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime({ SYMBOLS: "AAPL" });
});
afterAll(() => rt.stop());

describe("security headers", () => {
  test.each([
    ["a page", "/"],
    ["an API answer", "/api/prices"],
    ["an error", "/api/prices/ZZZZ"],
    ["a missing page", "/nowhere"],
    ["an asset", "/assets/app.css"],
    ["a stream", "/api/stream"],
  ])("%s carries the strict CSP, nosniff and a same-origin referrer", async (_, path) => {
    const res = await rt.get(path, path.endsWith("stream") ? { method: "HEAD" } : undefined);
    await res.body?.cancel();

    expect(res.headers.get("content-security-policy")).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
  });
});
