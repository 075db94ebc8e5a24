/**
 * Who is calling the gateway.
 *
 * Threat model: the bearer token is the only source of identity. It must be signed by a key of the
 * configured JWKS with an allowed asymmetric algorithm (`none` and HS* are refused, so a public key
 * can never be used as an HMAC secret), name our issuer, be meant for this app (`aud` of an ID
 * token or `client_id` of a Cognito access token naming one of this app's user pool clients: the
 * apps' and the explorer's; a `custom:app` claim, when present, must name this app) and be in
 * date within a small clock skew. No token means an anonymous caller (subgraphs serve anonymous
 * callers `@public` fields only); a token that fails any check is refused outright rather than
 * downgraded to anonymous.
 *
 * Claims: the user id is `custom:user_id` (Cognito, whose `sub` is a UUID) or a numeric `sub`
 * (the development issuer); the role is `custom:role` or the first of `cognito:groups` that is a role.
 *
 * A token that passed every check is remembered (the exact token string, in memory) until it
 * expires or for 5 minutes, whichever is sooner: an app sends the same token with every request,
 * and the ES256 signature check took about 6% of the gateway's CPU on LessonPage. Only `exp` changes
 * with time, so a remembered token is still refused once expired; a key dropped from the JWKS
 * stops being honoured within the 5 minutes (jose keeps a fetched JWKS for 10).
 */
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { GraphQLError } from 'graphql';
import { LRUCache } from 'lru-cache';
import { clientError, ErrorCode } from '../../runtime/errors.js';
import { ROLES, type Role, type Viewer } from '../../runtime/security/signedContext.js';
import type { AppName } from '../../runtime/tenancy.js';
import { tryParseId } from '../../runtime/ids.js';

export interface AuthOptions {
  issuer: string;
  /**
   * This app's client ids (the apps', the explorer's): the `aud` of ID tokens, the `client_id` of
   * access tokens. A token meant for any of them is accepted.
   */
  audiences: readonly string[];
  app: AppName;
  /** A remote JWKS URL (Cognito) or the key set itself (the development issuer). */
  jwks: URL | { keys: object[] };
}

const ALGORITHMS = ['RS256', 'ES256'];
const CLOCK_SKEW_SECONDS = 30;
const REMEMBER_AT_MOST_MS = 5 * 60_000;
/** Bounds memory (a token is about 1 KB); a busy container sees far fewer distinct tokens in 5 minutes. */
const REMEMBERED_TOKENS = 10_000;

interface Verified {
  viewer: Viewer;
  /** Date.now() after which the token must be checked again (expiry plus the skew jwtVerify allows). */
  until: number;
}

export type Authenticate = (authorization: string | undefined) => Promise<Viewer>;

/**
 * Starts fetching a remote key set now, in the background: a cold container's first token would
 * otherwise wait for Cognito's JWKS. A failed fetch is left to that token, which fetches again.
 */
function prefetched<T extends { reload(): Promise<void> }>(remote: T): T {
  remote.reload().catch(() => undefined);
  return remote;
}

export function createAuthenticator(options: AuthOptions): Authenticate {
  const keys: JWTVerifyGetKey = options.jwks instanceof URL
    ? prefetched(createRemoteJWKSet(options.jwks))
    : createLocalJWKSet(options.jwks as Parameters<typeof createLocalJWKSet>[0]);

  const verified = new LRUCache<string, Verified>({ max: REMEMBERED_TOKENS });

  return async (authorization) => {
    if (!authorization) return { kind: 'anonymous' };
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match?.[1]) throw refuse('The Authorization header must be "Bearer <token>"');
    const token = match[1];
    const remembered = verified.get(token);
    if (remembered && Date.now() < remembered.until) return remembered.viewer;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: options.issuer,
        algorithms: ALGORITHMS,
        clockTolerance: CLOCK_SKEW_SECONDS,
        requiredClaims: ['exp', 'iat'],
      }));
    } catch (error) {
      throw refuse(error instanceof errors.JWTExpired ? 'The token has expired' : 'The token is not valid');
    }
    if (!isForThisApp(payload, options)) throw refuse('The token was not issued for this app');
    const userId = userIdOf(payload);
    const role = roleOf(payload);
    if (!userId || !role) throw refuse('The token lacks a user id or role');
    const viewer: Viewer = { kind: 'user', userId, role };
    // `exp` is a required claim, checked above.
    verified.set(token, { viewer, until: Math.min((payload.exp! + CLOCK_SKEW_SECONDS) * 1000, Date.now() + REMEMBER_AT_MOST_MS) });
    return viewer;
  };
}

function isForThisApp(payload: JWTPayload, { audiences, app }: AuthOptions): boolean {
  const named = payload.aud === undefined ? [] : [payload.aud].flat();
  const clientId = payload['client_id'];
  const meant = named.some((audience) => audiences.includes(audience)) || (typeof clientId === 'string' && audiences.includes(clientId));
  const appClaim = payload['custom:app'];
  return meant && (appClaim === undefined || appClaim === app);
}

function userIdOf(payload: JWTPayload): string | undefined {
  const id = payload['custom:user_id'] ?? payload.sub;
  // The id the subgraphs store and queue for this viewer: one they hold exactly (runtime/ids.ts).
  return typeof id === 'string' && tryParseId(id) !== null ? id : undefined;
}

function roleOf(payload: JWTPayload): Role | undefined {
  const isRole = (value: unknown): value is Role => (ROLES as readonly unknown[]).includes(value);
  const claimed = payload['custom:role'];
  if (isRole(claimed)) return claimed;
  const groups = payload['cognito:groups'];
  return Array.isArray(groups) ? groups.find(isRole) : undefined;
}

function refuse(message: string): GraphQLError {
  return clientError(ErrorCode.UNAUTHENTICATED, message, { status: 401 });
}
