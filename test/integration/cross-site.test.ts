import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

let rt: TestRuntime;
let proxied: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime({ SYMBOLS: "AAPL,MSFT" });
  proxied = await startTestRuntime({ SYMBOLS: "AAPL,MSFT", TRUST_PROXY: "1" });
});
afterAll(async () => {
  await rt.stop();
  await proxied.stop();
});

const cookie = { Cookie: "board=abcdefgh12345678:AAPL,MSFT" };
const unsubscribe = (headers: Record<string, string>, runtime = rt) =>
  runtime.get("/board/symbols/AAPL/delete", { method: "POST", headers: { ...cookie, ...headers } });

describe("state-changing forms from another site", () => {
  test.each([
    ["Origin of another site", { Origin: "http://evil.example" }],
    ["Origin of another port", { Origin: "http://localhost:4000" }],
    ["Sec-Fetch-Site: cross-site", { "Sec-Fetch-Site": "cross-site" }],
    ["Sec-Fetch-Site: same-site, no Origin", { "Sec-Fetch-Site": "same-site" }],
  ])("an unsubscribe with %s is refused with the 403 page, the board untouched", async (_, headers) => {
    const res = await unsubscribe(headers);
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(await res.text()).toContain("sent from another site");
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  test("a subscribe from another site is refused too", async () => {
    const res = await rt.get("/board/symbols", {
      method: "POST",
      headers: { ...cookie, Origin: "http://evil.example" },
      body: new URLSearchParams({ symbol: "TSLA" }),
    });
    expect(res.status).toBe(403);
  });

  test("an upload from another site is refused before its body is read", async () => {
    const body = new FormData();
    body.append("file", new File(["x"], "COTAHIST_D01012024.TXT"));
    const res = await rt.get("/quotes/upload", { method: "POST", headers: { Origin: "http://evil.example" }, body });
    expect(res.status).toBe(403);
    expect(res.headers.get("connection")).toBe("close");
  });

  test.each([
    ["its own Origin", { Origin: "http://localhost" }],
    ["Sec-Fetch-Site: same-origin", { "Sec-Fetch-Site": "same-origin" }],
    ["neither header (curl, a script)", {}],
  ])("an unsubscribe with %s goes through", async (_, headers) => {
    const res = await unsubscribe(headers);
    expect(res.status).toBe(303);
    expect(decodeURIComponent(res.headers.get("set-cookie") ?? "")).toContain("board=abcdefgh12345678:MSFT");
  });
});

describe("the board cookie", () => {
  test("is HttpOnly and SameSite=Lax, not Secure over plain HTTP", async () => {
    const set = (await rt.get("/")).headers.get("set-cookie") ?? "";
    expect(set).toContain("HttpOnly");
    expect(set).toContain("SameSite=Lax");
    expect(set).not.toContain("Secure");
  });

  test("is Secure over HTTPS", async () => {
    const res = await rt.app.request("https://localhost/");
    expect(res.headers.get("set-cookie")).toContain("Secure");
  });

  test("X-Forwarded-Proto: https makes it Secure only with TRUST_PROXY=1", async () => {
    const forwarded = { "X-Forwarded-Proto": "https" };
    expect((await rt.get("/", { headers: forwarded })).headers.get("set-cookie")).not.toContain("Secure");
    expect((await proxied.get("/", { headers: forwarded })).headers.get("set-cookie")).toContain("Secure");
  });

  test("behind a trusted TLS proxy the https Origin is the app's own", async () => {
    const https = { Origin: "https://localhost", "X-Forwarded-Proto": "https" };
    expect((await unsubscribe(https, proxied)).status).toBe(303);
    expect((await unsubscribe(https)).status).toBe(403);
  });
});
