/**
 * Cross-origin calls from browser apps (docs/SECURITY.md, "Browser apps on other origins"): which
 * origins may call the graph, and the headers that tell the browser so. One list serves the local
 * HTTP front (runtime/serve/httpServer.ts) and the HTTP API's CORS configuration in AWS
 * (infra/constructs/Api.ts), so the two cannot drift apart.
 */

/** Who may call from another origin. */
export interface CorsPolicy {
  /** Exact origins, as browsers send them (`https://app.example.com`). */
  origins: readonly string[];
  /** Also any `http://localhost[:port]` and `http://127.0.0.1[:port]`: development only. */
  localhost: boolean;
}

export const CORS_ALLOWED_METHODS = ['GET', 'POST', 'OPTIONS'] as const;

/**
 * What Apollo clients send: the bearer token, JSON, the two headers csrfPrevention accepts instead
 * of JSON (what persisted-query GETs carry) and Apollo Client's client-awareness headers.
 */
export const CORS_ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'apollographql-client-name',
  'apollographql-client-version',
] as const;

/** Response headers a page may read beyond the safelisted ones: the wait of a 429. */
export const CORS_EXPOSED_HEADERS = ['retry-after'] as const;

/** How long a browser may reuse a preflight's answer (Chromium caps it at 2 h). */
export const CORS_MAX_AGE_SECONDS = 7_200;

/** How an origin is written in the allowlist, for the refusals of the settings that hold one. */
export const ORIGIN_FORM = 'origins such as https://app.example.com, separated by commas: http or https, a host in lower case, an optional port; no path, trailing slash or wildcard';

const LOCALHOST = /^http:\/\/(localhost|127\.0\.0\.1)(:\d{1,5})?$/;

/**
 * Exactly the form a browser's Origin header takes, so a listed origin matches by string equality:
 * no wildcard (the list is exact), no path, no default port, no upper case.
 */
export function isOrigin(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value && !value.includes('*');
}

/** A comma-separated list of origins; the first one that is not an origin is handed to `refuse`. */
export function parseOrigins(value: string, refuse: (notAnOrigin: string) => Error): string[] {
  const origins = value.split(',').map((origin) => origin.trim()).filter(Boolean);
  const wrong = origins.find((origin) => !isOrigin(origin));
  if (wrong !== undefined) throw refuse(wrong);
  return [...new Set(origins)];
}

export function allowsOrigin(policy: CorsPolicy, origin: string): boolean {
  return policy.origins.includes(origin) || (policy.localhost && LOCALHOST.test(origin));
}

/** What the HTTP front does with a request, by its Origin and whether it is a preflight. */
export type CorsAnswer =
  /** No Origin header: not a browser's cross-origin call, nothing to add. */
  | { kind: 'none' }
  /** A preflight from an allowed origin: answer it at once with these headers (204). */
  | { kind: 'preflight'; headers: Record<string, string> }
  /** A preflight from any other origin: 403 without CORS headers, so the browser never sends the request. */
  | { kind: 'refused' }
  /** Any other request: serve it and add these headers (none for an origin not allowed: the browser hides the answer). */
  | { kind: 'request'; headers: Record<string, string> };

export function corsAnswer(policy: CorsPolicy, request: { method: string; origin: string | undefined; requestedMethod: string | undefined }): CorsAnswer {
  const { method, origin, requestedMethod } = request;
  if (origin === undefined) return { kind: 'none' };
  const allowed = allowsOrigin(policy, origin);
  // The answer depends on the Origin: a cache must not give one origin's answer to another.
  const vary = { vary: 'Origin' };
  if (method === 'OPTIONS' && requestedMethod !== undefined) {
    if (!allowed) return { kind: 'refused' };
    return {
      kind: 'preflight',
      headers: {
        ...vary,
        'access-control-allow-origin': origin,
        'access-control-allow-methods': CORS_ALLOWED_METHODS.join(', '),
        'access-control-allow-headers': CORS_ALLOWED_HEADERS.join(', '),
        'access-control-max-age': String(CORS_MAX_AGE_SECONDS),
      },
    };
  }
  // No Allow-Credentials: tokens are bearer headers, never cookies.
  return { kind: 'request', headers: allowed ? { ...vary, 'access-control-allow-origin': origin, 'access-control-expose-headers': CORS_EXPOSED_HEADERS.join(', ') } : vary };
}
