import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { networkInterfaces } from "node:os";
import { type B3Runtime, DEMO, startB3Runtime, upload } from "../b3/support.ts";
import { useListeningServer } from "../support/listening-server.ts";

const TOKEN = "operator-upload-token-1234";
const demo = () => Bun.file(DEMO);

/** An address of this machine that is not loopback, if it has one. */
const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((nic) => nic && nic.family === "IPv4" && !nic.internal)?.address;

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

/** POST /quotes/session as the browser's token form does. */
const giveToken = (rt: B3Runtime, token: string) =>
  rt.get("/quotes/session", {
    method: "POST",
    body: new URLSearchParams({ token }),
    headers: { Origin: "http://localhost" },
  });

describe("with UPLOAD_TOKEN", () => {
  let rt: B3Runtime;
  beforeAll(async () => {
    rt = await startB3Runtime({ UPLOAD_TOKEN: TOKEN });
  });
  afterAll(() => rt.close());

  test("the API needs the token as a bearer: 401 without, 403 with another, 202 with it", async () => {
    const without = await upload(rt, "a.txt", demo());
    expect(without.status).toBe(401);
    expect(without.headers.get("WWW-Authenticate")).toContain("Bearer");
    expect(await errorOf(without)).toBe("unauthorized");

    const wrong = await upload(rt, "a.txt", demo(), undefined, { Authorization: "Bearer not-the-token-at-all" });
    expect(wrong.status).toBe(403);
    expect(await errorOf(wrong)).toBe("forbidden");

    const right = await upload(rt, "a.txt", demo(), undefined, { Authorization: `Bearer ${TOKEN}` });
    expect(right.status).toBe(202);
  });

  test("/quotes asks for the token instead of a file until the browser gave it", async () => {
    const page = await (await rt.get("/quotes")).text();
    expect(page).toContain('action="/quotes/session"');
    expect(page).toContain('type="password" name="token"');
    expect(page).not.toContain('name="file"');
  });

  test("a wrong token is refused on the form, and no session is given", async () => {
    const res = await giveToken(rt, "guessing-the-token-now");
    expect(res.status).toBe(403);
    expect(res.headers.get("Set-Cookie")).toBeNull();
    expect(await res.text()).toContain("That is not the upload token");
  });

  test("the token given once opens an HttpOnly SameSite=Strict session that uploads from the form", async () => {
    const res = await giveToken(rt, TOKEN);
    expect(res.status).toBe(303);
    const cookie = res.headers.get("Set-Cookie") ?? "";
    expect(cookie).toMatch(/^tt_upload=/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Strict");
    expect(cookie).not.toContain("Secure");
    const session = cookie.split(";")[0] ?? "";

    const page = await (await rt.get("/quotes", { headers: { Cookie: session } })).text();
    expect(page).toContain('name="file"');

    const formUpload = await upload(rt, "b.txt", demo(), "/quotes/upload", { Cookie: session });
    expect(formUpload.status).toBe(303);
    const refused = await upload(rt, "b.txt", demo(), "/quotes/upload");
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain("Uploads need the operator&#39;s token");
  });

  test("a forged session cookie is no session", async () => {
    const forged = `tt_upload=${encodeURIComponent(`${Date.now() + 3600_000}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=`)}`;
    const res = await upload(rt, "c.txt", demo(), undefined, { Cookie: forged });
    expect(res.status).toBe(401);
  });
});

describe("with UPLOAD_TOKEN behind an HTTPS proxy", () => {
  let rt: B3Runtime;
  beforeAll(async () => {
    rt = await startB3Runtime({ UPLOAD_TOKEN: TOKEN, TRUST_PROXY: "1" });
  });
  afterAll(() => rt.close());

  test("the session cookie is Secure", async () => {
    const res = await rt.get("/quotes/session", {
      method: "POST",
      body: new URLSearchParams({ token: TOKEN }),
      headers: { "X-Forwarded-Proto": "https", Origin: "https://localhost" },
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("Set-Cookie")).toContain("Secure");
  });
});

describe("without UPLOAD_TOKEN", () => {
  let rt: B3Runtime;
  beforeAll(async () => {
    rt = await startB3Runtime({ TRUST_PROXY: "1" });
  });
  afterAll(() => rt.close());

  test("a client that is not on loopback may not upload, and the page says so", async () => {
    const far = { "X-Forwarded-For": "203.0.113.9" };
    const res = await upload(rt, "a.txt", demo(), undefined, far);
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toBe("uploads_local_only");
    const page = await (await rt.get("/quotes", { headers: far })).text();
    expect(page).toContain("Uploads are accepted only from the server's own machine");
    expect(page).not.toContain('name="file"');
  });

  test("a loopback client uploads without a token", async () => {
    const res = await upload(rt, "a.txt", demo(), undefined, { "X-Forwarded-For": "127.0.0.1" });
    expect(res.status).toBe(202);
  });
});

describe("without UPLOAD_TOKEN, on a real socket", () => {
  const ctx = useListeningServer({ HOST: "0.0.0.0" });
  const post = (host: string) => {
    const form = new FormData();
    form.set("file", demo(), "demo.txt");
    return fetch(`http://${host}:${new URL(ctx.server.url).port}/api/quotes/upload`, { method: "POST", body: form });
  };

  test("the server's own machine, over loopback, uploads", async () => {
    expect((await post("127.0.0.1")).status).toBe(202);
  });

  test.if(lanAddress !== undefined)("a peer on the network is refused", async () => {
    const res = await post(lanAddress ?? "");
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toBe("uploads_local_only");
  });
});
