/**
 * The development token issuer: an ES256 key pair kept in a local file (never committed), so
 * `npm run token` can mint tokens the local gateway accepts, and the development sign-in
 * (scripts/devSignIn/) hands the explorer tokens of the same issuer. Production uses Cognito's JWKS.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import type { Role } from '../../runtime/security/signedContext.js';
import type { AppName } from '../../runtime/tenancy.js';

const ALG = 'ES256';

export interface DevIssuer {
  issuer: string;
  audience: string;
  publicJwks: { keys: JWK[] };
  /** `app` adds a `custom:app` claim, which binds the token to one app's deployment. */
  mint(claims: { userId: string; role: Role; app?: AppName; expiresIn?: string }): Promise<string>;
}

/** The issuer's private key (with its `kid` and `alg`), made on first use; the development sign-in (scripts/devSignIn/) signs with it too. */
export async function devIssuerKey(keyFile: string): Promise<JWK> {
  if (!existsSync(keyFile)) {
    const { privateKey } = await generateKeyPair(ALG, { extractable: true });
    const jwk = { ...(await exportJWK(privateKey)), kid: `dev-${Date.now().toString(36)}`, alg: ALG };
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, JSON.stringify(jwk), { mode: 0o600 });
  }
  return JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
}

export async function loadDevIssuer(keyFile: string, issuer: string, audience: string): Promise<DevIssuer> {
  const privateJwk = await devIssuerKey(keyFile);
  const { d: _private, ...publicJwk } = privateJwk;
  const key = await importJWK(privateJwk, ALG);
  return {
    issuer,
    audience,
    publicJwks: { keys: [publicJwk] },
    mint: ({ userId, role, app, expiresIn = '12h' }) =>
      new SignJWT({ 'custom:role': role, ...(app ? { 'custom:app': app } : {}) })
        .setProtectedHeader({ alg: ALG, kid: privateJwk.kid })
        .setSubject(userId)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime(expiresIn)
        .sign(key),
  };
}
