import { describe, expect, test } from "bun:test";
import { Hono } from "hono";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import { DomainError, type DomainErrorCode } from "../../src/domain-error.ts";
import { createLogger } from "../../src/log.ts";
import { errorHandler } from "../../src/routes/error-response.ts";
import { HttpError } from "../../src/routes/http-error.ts";

/** An app with the real error handler, whose routes throw what each test names. */
function throwingApp() {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger("error", (line) => lines.push(JSON.parse(line)));
  const app = new Hono();
  app.use("/api/form", csrf());
  app.post("/api/form", (c) => c.text("kept"));
  app.get("/api/teapot", () => {
    throw new HTTPException(418, { message: "Short and stout" });
  });
  app.get("/api/forbidden", () => {
    throw new HTTPException(403);
  });
  app.get("/api/symbol", () => {
    throw new HttpError(404, "unknown_symbol", "Unknown symbol XYZ");
  });
  app.get("/api/upload", () => {
    throw new DomainError("disk_full", "file: the disk is full; nothing was kept");
  });
  app.get("/api/domain/:code", (c) => {
    throw new DomainError(c.req.param("code") as DomainErrorCode, "what went wrong");
  });
  app.get("/upload", () => {
    throw new DomainError("zip_refused", "file: the zip holds more than one file");
  });
  app.get("/api/crash", () => {
    throw new Error("the wheels came off", { cause: new Error("a loose bolt") });
  });
  app.onError(errorHandler(log));
  const request = (path: string, init?: RequestInit) => app.request(`http://localhost${path}`, init);
  return { request, lines };
}

describe("errors thrown in a route", () => {
  test("a hono HTTPException is answered with its status, a code named after it and its message", async () => {
    const res = await throwingApp().request("/api/teapot");
    expect(res.status).toBe(418);
    expect(await res.json()).toEqual({ error: { code: "i_m_a_teapot", message: "Short and stout" } });
  });

  test("an HTTPException without a message says its status", async () => {
    const res = await throwingApp().request("/api/forbidden");
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: "forbidden", message: "Forbidden" } });
  });

  test("hono's csrf middleware refusing a cross-site form is a 403 JSON error", async () => {
    const res = await throwingApp().request("/api/form", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example" },
      body: "a=1",
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: "forbidden", message: "Forbidden" } });
  });

  test("an HttpError keeps its own code", async () => {
    const res = await throwingApp().request("/api/symbol");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "unknown_symbol", message: "Unknown symbol XYZ" } });
  });

  test("a DomainError is answered with its code's status: disk_full is a 507 with its message", async () => {
    const res = await throwingApp().request("/api/upload");
    expect(res.status).toBe(507);
    expect(await res.json()).toEqual({
      error: { code: "disk_full", message: "file: the disk is full; nothing was kept" },
    });
  });

  test.each([
    ["upload_too_large", 413],
    ["upload_stalled", 408],
    ["not_multipart", 415],
    ["missing_file", 400],
    ["bad_upload", 400],
    ["disk_full", 507],
    ["zip_refused", 422],
    ["import_failed", 422],
  ])("a DomainError %s is a %d", async (code, status) => {
    const res = await throwingApp().request(`/api/domain/${code}`);
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ error: { code, message: "what went wrong" } });
  });

  test("a DomainError on a page a person browses is a page with its status and message", async () => {
    const res = await throwingApp().request("/upload");
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toStartWith("text/html");
    expect(await res.text()).toContain("file: the zip holds more than one file");
  });

  test("none of these is logged as unexpected", async () => {
    const app = throwingApp();
    for (const path of ["/api/teapot", "/api/forbidden", "/api/symbol", "/api/upload", "/upload"])
      await app.request(path);
    expect(app.lines).toEqual([]);
  });

  test("an unexpected error is a 500 without details, logged with its message, stack and cause", async () => {
    const app = throwingApp();
    const res = await app.request("/api/crash");
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: "internal", message: "Something went wrong on our side" } });
    expect(app.lines).toHaveLength(1);
    expect(app.lines[0]).toMatchObject({
      level: "error",
      message: "unhandled error",
      path: "/api/crash",
      error: { name: "Error", message: "the wheels came off", cause: { message: "a loose bolt" } },
    });
    expect((app.lines[0]!.error as { stack: string }).stack).toContain("error-responses.test.ts");
  });
});
