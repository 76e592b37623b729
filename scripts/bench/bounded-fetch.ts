/** The bench's own requests to a server, each bounded in time: a server that stops answering fails the run, never hangs it. */

const REQUEST_TIMEOUT_MS = 10_000;

/**
 * `fetch`, aborted after REQUEST_TIMEOUT_MS (body included).
 * @example const res = await fetchWithin(`${url}/health/ready`);
 */
export const fetchWithin = (url: string, init: RequestInit = {}): Promise<Response> =>
  fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
