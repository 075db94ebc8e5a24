import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { createAuthenticator, type Authenticate } from './authenticate.js';

const ISSUER = 'https://cognito-idp.example/pool';
const AUDIENCE = 'amal-client';
const EXPLORER = 'amal-explorer-client';
const now = () => Math.floor(Date.now() / 1000);

let key: CryptoKey;
let otherKey: CryptoKey;
let rsaKey: CryptoKey;
let authenticate: Authenticate;

beforeAll(async () => {
  ({ privateKey: key } = await generateKeyPair('ES256', { extractable: true }));
  ({ privateKey: otherKey } = await generateKeyPair('ES256', { extractable: true }));
  ({ privateKey: rsaKey } = await generateKeyPair('RS256', { extractable: true }));
  const publicOf = async (k: CryptoKey, kid: string, alg: string): Promise<JWK> => {
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = await exportJWK(k);
    return { ...pub, kid, alg };
  };
  const jwks = { keys: [await publicOf(key, 'k1', 'ES256'), await publicOf(rsaKey, 'r1', 'RS256')] };
  authenticate = createAuthenticator({ issuer: ISSUER, audiences: [AUDIENCE, EXPLORER], app: 'amal', jwks });
});

function token(claims: Record<string, unknown> = {}, options: { key?: CryptoKey; kid?: string; alg?: string } = {}) {
  return new SignJWT({ sub: '3', 'custom:role': 'STUDENT', aud: AUDIENCE, iss: ISSUER, iat: now(), exp: now() + 3600, ...claims })
    .setProtectedHeader({ alg: options.alg ?? 'ES256', kid: options.kid ?? 'k1' })
    .sign(options.key ?? key);
}

const bearer = async (jwt: string | Promise<string>) => `Bearer ${await jwt}`;
const unsigned = (claims: object) =>
  `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;

async function expectRefused(authorization: string, message: RegExp = /./) {
  await expect(authenticate(authorization)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } }, message: expect.stringMatching(message) });
}

describe('authenticate', () => {
  it('treats a request without a token as anonymous', async () => {
    expect(await authenticate(undefined)).toEqual({ kind: 'anonymous' });
  });

  it('accepts an ES256 ID token of this app', async () => {
    expect(await authenticate(await bearer(token()))).toEqual({ kind: 'user', userId: '3', role: 'STUDENT' });
  });

  it('accepts an ID token of the explorer’s client, and an access token naming it', async () => {
    expect(await authenticate(await bearer(token({ aud: EXPLORER })))).toMatchObject({ userId: '3' });
    expect(await authenticate(await bearer(token({ aud: undefined, client_id: EXPLORER, 'custom:user_id': '3' })))).toMatchObject({ userId: '3' });
  });

  it('accepts an RS256 token', async () => {
    expect(await authenticate(await bearer(token({}, { key: rsaKey, kid: 'r1', alg: 'RS256' })))).toMatchObject({ userId: '3' });
  });

  it('accepts a Cognito access token: client_id, groups and custom:user_id', async () => {
    const jwt = token({ aud: undefined, client_id: AUDIENCE, sub: '5f0c9e2a-uuid', 'custom:role': undefined, 'custom:user_id': '5', 'cognito:groups': ['beta', 'TEACHER'] });
    expect(await authenticate(await bearer(jwt))).toEqual({ kind: 'user', userId: '5', role: 'TEACHER' });
  });

  it('tolerates a clock 20 seconds behind', async () => {
    expect(await authenticate(await bearer(token({ exp: now() - 20 })))).toMatchObject({ userId: '3' });
  });

  it.each([
    { name: 'alg none', jwt: async () => unsigned({ sub: '1', 'custom:role': 'ADMIN', aud: AUDIENCE, iss: ISSUER, exp: now() + 60 }) },
    { name: 'HS256 signed with the public key as secret', jwt: async () => new SignJWT({ sub: '1', 'custom:role': 'ADMIN', aud: AUDIENCE }).setProtectedHeader({ alg: 'HS256', kid: 'k1' }).setIssuer(ISSUER).setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(JSON.stringify(await exportJWK(key)))) },
    { name: 'an expired token', jwt: () => token({ exp: now() - 120 }), message: /expired/ },
    { name: 'a token not valid yet', jwt: () => token({ nbf: now() + 600 }) },
    { name: 'a token without expiry', jwt: () => new SignJWT({ sub: '3', 'custom:role': 'STUDENT', aud: AUDIENCE }).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setIssuer(ISSUER).setIssuedAt().sign(key) },
    { name: 'the wrong audience', jwt: () => token({ aud: 'thurayya-client' }), message: /this app/ },
    { name: 'an access token of another client', jwt: () => token({ aud: undefined, client_id: 'thurayya-client' }), message: /this app/ },
    { name: 'the wrong issuer', jwt: () => new SignJWT({ sub: '3', 'custom:role': 'STUDENT', aud: AUDIENCE }).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setIssuer('https://evil.example').setIssuedAt().setExpirationTime('1h').sign(key) },
    { name: 'a bad signature', jwt: async () => (await token()).replace(/.{4}$/, 'AAAA') },
    { name: 'an unknown kid', jwt: () => token({}, { key: otherKey, kid: 'k2' }) },
    { name: 'a known kid signed by another key', jwt: () => token({}, { key: otherKey }) },
    { name: 'another app’s custom:app', jwt: () => token({ 'custom:app': 'thurayya' }), message: /this app/ },
    { name: 'no role', jwt: () => token({ 'custom:role': undefined }) },
    { name: 'an unknown role', jwt: () => token({ 'custom:role': 'ROOT' }) },
    { name: 'a non-numeric user id', jwt: () => token({ sub: "1' OR '1'='1" }) },
  ])('refuses $name', async ({ jwt, message }) => {
    await expectRefused(await bearer(jwt()), message);
  });

  describe('a token it has verified before', () => {
    afterEach(() => vi.useRealTimers());

    it('is refused once it expires, though remembered', async () => {
      const jwt = await bearer(token({ exp: now() + 60 }));
      expect(await authenticate(jwt)).toMatchObject({ userId: '3' });
      vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 120_000 });
      await expectRefused(jwt, /expired/);
    });

    it('does not make a tampered copy acceptable', async () => {
      const jwt = await token();
      expect(await authenticate(await bearer(jwt))).toMatchObject({ userId: '3' });
      await expectRefused(await bearer(jwt.replace(/.{4}$/, 'AAAA')));
    });
  });

  it.each(['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer a b', 'token-without-scheme'])('refuses the header "%s"', async (header) => {
    await expectRefused(header);
  });
});
