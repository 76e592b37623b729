import { secureHeaders } from "hono/secure-headers";

/**
 * Every response's security headers: a CSP that allows no inline script, style or handler (htmx
 * and the CSS are served as files), `nosniff`, and a referrer for this site only. hono's other
 * default headers are turned off: these three are the ones the app sends.
 * @example app.use(securityHeaders);
 */
export const securityHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", "data:"],
    connectSrc: ["'self'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  xContentTypeOptions: "nosniff",
  referrerPolicy: "same-origin",
  crossOriginResourcePolicy: false,
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  strictTransportSecurity: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xFrameOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
});
