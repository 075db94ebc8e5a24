/**
 * Who is calling the gateway.
 *
 * Threat model: the bearer token is the only source of identity. It must be signed by a key of the
 * configured JWKS with an allowed asymmetric algorithm, name our issuer and audience, and be in
 * date. No token means an anonymous caller (subgraphs deny personal data to anonymous callers);
 * a token that fails any check is refused outright rather than downgraded to anonymous.
 */
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../runtime/errors.js';
import { ROLES, type Role, type Viewer } from '../../runtime/signedContext.js';

export interface AuthOptions {
  issuer: string;
  audience: string;
  /** A remote JWKS URL (Cognito) or the key set itself (the development issuer). */
  jwks: URL | { keys: object[] };
}

const ALGORITHMS = ['RS256', 'ES256'];
const CLOCK_SKEW_SECONDS = 30;

export type Authenticate = (authorization: string | undefined) => Promise<Viewer>;

export function createAuthenticator(options: AuthOptions): Authenticate {
  const keys: JWTVerifyGetKey = options.jwks instanceof URL
    ? createRemoteJWKSet(options.jwks)
    : createLocalJWKSet(options.jwks as Parameters<typeof createLocalJWKSet>[0]);

  return async (authorization) => {
    if (!authorization) return { kind: 'anonymous' };
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match?.[1]) throw refuse('The Authorization header must be "Bearer <token>"');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(match[1], keys, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: ALGORITHMS,
        clockTolerance: CLOCK_SKEW_SECONDS,
      }));
    } catch (error) {
      throw refuse(error instanceof errors.JWTExpired ? 'The token has expired' : 'The token is not valid');
    }
    const role = payload['custom:role'];
    if (!payload.sub || !/^\d+$/.test(payload.sub) || !(ROLES as readonly unknown[]).includes(role)) {
      throw refuse('The token lacks a user id or role');
    }
    return { kind: 'user', userId: payload.sub, role: role as Role };
  };
}

function refuse(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
}
