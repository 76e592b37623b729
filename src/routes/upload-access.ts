import { createHash, timingSafeEqual } from "node:crypto";
import type { Context } from "hono";
import { getSignedCookie, setSignedCookie } from "hono/cookie";
import { DomainError } from "../domain-error.ts";
import type { UploadPermission } from "../views/quotes-page.ts";
import { clientAddress } from "./client-address.ts";
import { cameOverHttps } from "./cross-site.ts";

/** The cookie that keeps a browser's upload session after it gave the token once. */
export const UPLOAD_SESSION_COOKIE = "tt_upload";
/** How long a browser keeps uploading without giving the token again. */
const SESSION_S = 12 * 3600;

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;

const digest = (text: string) => createHash("sha256").update(text).digest();
const sameToken = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

/**
 * Who may upload B3 files. With a token (`UPLOAD_TOKEN`): API clients send it as a bearer, a browser
 * gives it once on `/quotes` and keeps a session cookie (`HttpOnly`, `SameSite=Strict`, signed with
 * the token, so a new token ends every session). Without one: loopback clients only (`X-Forwarded-For`
 * when `trustProxy`); a request without a socket (`app.request`, in the process) counts as local.
 * @example const access = new UploadAccess({ token: config.uploadToken, trustProxy: false }); await access.check(c);
 */
export class UploadAccess {
  readonly #token: string | undefined;
  readonly #trustProxy: boolean;
  readonly #now: () => number;

  constructor(options: { token: string | undefined; trustProxy: boolean; now?: () => number }) {
    this.#token = options.token;
    this.#trustProxy = options.trustProxy;
    this.#now = options.now ?? Date.now;
  }

  /** What this client may do, for the page to show the right form. */
  async permission(c: Context): Promise<UploadPermission> {
    if (this.#token === undefined) return this.#isLocal(c) ? "allowed" : "loopback_only";
    return (await this.#hasSession(c, this.#token)) ? "allowed" : "needs_token";
  }

  /** Throw unless this request may upload: 401 without the token, 403 with another or from afar without one. */
  async check(c: Context): Promise<void> {
    const token = this.#token;
    if (token === undefined) {
      if (this.#isLocal(c)) return;
      throw new DomainError(
        "uploads_local_only",
        "Uploads are accepted only from this machine: the operator sets UPLOAD_TOKEN to allow them from elsewhere",
      );
    }
    const presented = /^Bearer\s+(\S+)$/i.exec(c.req.header("Authorization") ?? "")?.[1];
    if (presented !== undefined) {
      if (sameToken(presented, token)) return;
      throw new DomainError("forbidden", "This token may not upload");
    }
    if (await this.#hasSession(c, token)) return;
    c.header("WWW-Authenticate", 'Bearer realm="tickertape"');
    throw new DomainError(
      "unauthorized",
      "Uploads need the operator's token: send Authorization: Bearer <UPLOAD_TOKEN>, or enter it on /quotes",
    );
  }

  /** Open a browser's upload session when `presented` is the token; else throw 403 (or 403 without a token). */
  async openSession(c: Context, presented: string): Promise<void> {
    const token = this.#token;
    if (token === undefined) throw new DomainError("forbidden", "This server has no upload token: nothing to enter");
    if (!sameToken(presented, token)) throw new DomainError("forbidden", "That is not the upload token");
    await setSignedCookie(c, UPLOAD_SESSION_COOKIE, String(this.#now() + SESSION_S * 1000), token, {
      path: "/",
      httpOnly: true,
      sameSite: "Strict",
      secure: cameOverHttps(c, this.#trustProxy),
      maxAge: SESSION_S,
    });
  }

  async #hasSession(c: Context, token: string): Promise<boolean> {
    const until = await getSignedCookie(c, token, UPLOAD_SESSION_COOKIE);
    return typeof until === "string" && Number(until) > this.#now();
  }

  #isLocal(c: Context): boolean {
    const address = clientAddress(c, this.#trustProxy);
    return address === "unknown" || LOOPBACK.test(address);
  }
}
