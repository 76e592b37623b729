import { afterEach, describe, expect, test } from "bun:test";
import { createClient } from "@libsql/client";
import { startTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

const TOKEN = "test-token-0123456789";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
let rt: TestRuntime;
afterEach(() => rt.stop());

const start = async (databaseUrl?: string) => {
  rt = await startTestRuntime({ EVENTS_TOKEN: TOKEN, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
  return rt;
};
const optIn = (slug: string) =>
  rt.get("/api/events", {
    method: "POST",
    headers: { Authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ type: "portfolio.opted_in", slug }),
  });

/** Bun hands its server to `fetch` as the environment; hono's getConnInfo asks it for the socket's address. */
const socket = (address: string) => ({ requestIP: () => ({ address, family: "IPv4", port: 50_000 }) });

/** `GET /p/:slug` from `address`, with the visitor cookie `cookie` if given. */
const view = (
  slug: string,
  { address, cookie, headers = {} }: { address?: string; cookie?: string; headers?: Record<string, string> },
) =>
  rt.app.request(
    `http://localhost/p/${slug}`,
    { headers: { ...headers, ...(cookie ? { Cookie: `tt_visitor=${cookie}` } : {}) } },
    address ? socket(address) : undefined,
  );
const visitorCookie = (res: Response): string | undefined =>
  /tt_visitor=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1];

/** The visits trending counts for `slug`, read back from the database by a fresh runtime (so the stop flushed them). */
async function visitsAfterRestart(slug: string): Promise<number> {
  await rt.stop();
  await start(rt.databaseUrl);
  const { trending } = (await (await rt.get("/api/community")).json()) as {
    trending: { slug: string; visits: number }[];
  };
  return trending.find((t) => t.slug === slug)?.visits ?? 0;
}

describe("a visit of /p/:slug is one visitor per portfolio per UTC day", () => {
  test("a browser reloading three times is one visit", async () => {
    await start();
    await optIn("alice");
    const first = await view("alice", { address: "10.0.0.1" });
    const cookie = visitorCookie(first)!;
    await view("alice", { address: "10.0.0.1", cookie });
    await view("alice", { address: "10.0.0.1", cookie });
    expect(await visitsAfterRestart("alice")).toBe(1);
  });

  test("a client that drops the cookie (curl) is known by its socket address, never X-Forwarded-For", async () => {
    await start();
    await optIn("bob");
    for (const forwarded of ["1.1.1.1", "2.2.2.2", "3.3.3.3"])
      await view("bob", { address: "10.0.0.2", headers: { "X-Forwarded-For": forwarded } });
    await view("bob", { address: "10.0.0.3" });
    expect(await visitsAfterRestart("bob")).toBe(2);
  });

  test("two browsers are two visitors, and one visitor of two portfolios counts on each", async () => {
    await start();
    await optIn("carol");
    await optIn("dave");
    const cookie = visitorCookie(await view("carol", { address: "10.0.0.4" }))!;
    await view("carol", { address: "10.0.0.4", cookie: crypto.randomUUID() });
    await view("dave", { address: "10.0.0.4", cookie });
    expect(await visitsAfterRestart("carol")).toBe(2);
    expect(await visitsAfterRestart("dave")).toBe(1);
  });

  test("a visitor seen before a restart is not counted again the same day", async () => {
    await start();
    await optIn("erin");
    const cookie = visitorCookie(await view("erin", { address: "10.0.0.5" }))!;
    await rt.stop();
    await start(rt.databaseUrl);
    await view("erin", { address: "10.0.0.6", cookie });
    expect(await visitsAfterRestart("erin")).toBe(1);
  });

  test("the visitor cookie is HttpOnly, SameSite=Lax, a random id, issued once", async () => {
    await start();
    await optIn("frank");
    const first = await view("frank", { address: "10.0.0.7" });
    const setCookie = first.headers.get("set-cookie") ?? "";
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    const id = visitorCookie(first)!;
    expect(id).toMatch(UUID);
    expect(visitorCookie(await view("frank", { address: "10.0.0.7" }))).not.toBe(id);
    expect((await view("frank", { address: "10.0.0.7", cookie: id })).headers.get("set-cookie")).toBeNull();
    expect(visitorCookie(await view("frank", { address: "10.0.0.7", cookie: "forged;value" }))).toMatch(UUID);
  });

  test("a view waits for no database write: answered while another connection holds the lock, kept", async () => {
    await start();
    await optIn("gina");
    const other = createClient({ url: rt.databaseUrl });
    const lock = await other.transaction("write");
    await lock.execute("DELETE FROM portfolio_visits WHERE slug = 'nobody'");
    const res = await view("gina", { address: "10.0.0.8" });
    await lock.commit();
    other.close();
    expect(res.status).toBe(200);
    expect(await visitsAfterRestart("gina")).toBe(1);
  });
});
