import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { VisitorNames } from "../portfolio/visit-log.ts";
import { socketAddress } from "./client-address.ts";

/** The cookie that tells a portfolio page's visitors apart. */
export const VISITOR_COOKIE = "tt_visitor";
const VISITOR_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ONE_YEAR_S = 365 * 24 * 3600;

const hashOf = (text: string): string => new Bun.CryptoHasher("sha256").update(text).digest("hex").slice(0, 32);

/**
 * Who is viewing a portfolio page: its visitor cookie when it sends one back; otherwise a hash of
 * its socket's address (so a client that drops cookies counts once), and the cookie it is given
 * now (so the browser that keeps it is not counted again on its next view).
 * @example deps.portfolios.visit(slug, portfolioVisitor(c));
 */
export function portfolioVisitor(c: Context): VisitorNames {
  const id = getCookie(c, VISITOR_COOKIE);
  if (id !== undefined && VISITOR_ID.test(id)) return [`cookie:${id}`];
  const issued = crypto.randomUUID();
  setCookie(c, VISITOR_COOKIE, issued, { path: "/p", httpOnly: true, sameSite: "Lax", maxAge: ONE_YEAR_S });
  const address = socketAddress(c);
  return address ? [`address:${hashOf(address)}`, `cookie:${issued}`] : [`cookie:${issued}`];
}
