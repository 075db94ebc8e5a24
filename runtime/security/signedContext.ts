/**
 * The caller's identity as it travels from the gateway to a subgraph.
 *
 * Threat model: subgraphs trust no header a client could forge. The gateway signs the verified
 * claims, the app, the request id and an expiry with HMAC-SHA256; a subgraph accepts a context
 * only when the MAC matches one of its secrets (several during rotation), the app is its own and
 * the expiry has not passed. A missing, tampered, expired or foreign context is refused.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AppName } from '../tenancy.js';

export const CONTEXT_HEADER = 'x-learning-context';
export const ROLES = ['STUDENT', 'PARENT', 'TEACHER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking: a signed-in user, or nobody. */
export type Viewer = { kind: 'user'; userId: string; role: Role } | { kind: 'anonymous' };

export interface RequestIdentity {
  viewer: Viewer;
  app: AppName;
  requestId: string;
}

/**
 * What a signed context may be used for: answering a request as its viewer, or a warm-up (a cold
 * gateway starting the subgraph functions before its first request; runtime/serve/warmUp.ts). Each
 * is refused where the other is expected, so a warm-up token is never a request's identity.
 */
export type ContextPurpose = 'request' | 'warm-up';

interface Envelope extends RequestIdentity {
  exp: number;
  /** Absent: a request. */
  purpose?: 'warm-up';
}

/** @default 60 seconds: long enough for one gateway request, short enough to be useless if leaked. */
const TTL_MS = 60_000;

export function signContext(identity: RequestIdentity, secret: string, now = Date.now(), purpose: ContextPurpose = 'request'): string {
  const envelope: Envelope = { ...identity, exp: now + TTL_MS, ...(purpose === 'request' ? {} : { purpose }) };
  const payload = Buffer.from(JSON.stringify(envelope)).toString('base64url');
  return `${payload}.${mac(payload, secret)}`;
}

const signedPerRequest = new WeakMap<RequestIdentity, Map<string, string>>();

/**
 * `signContext` once per request identity and secret: a query plan calls several subgraphs with
 * the same identity, and the HMAC showed in the gateway's profile.
 */
export function signedContextFor(identity: RequestIdentity, secret: string): string {
  let bySecret = signedPerRequest.get(identity);
  if (!bySecret) signedPerRequest.set(identity, (bySecret = new Map()));
  let token = bySecret.get(secret);
  if (!token) bySecret.set(secret, (token = signContext(identity, secret)));
  return token;
}

export type VerifyResult = { ok: true; identity: RequestIdentity } | { ok: false; reason: 'missing' | 'malformed' | 'bad-signature' | 'expired' | 'wrong-app' | 'wrong-purpose' };

export function verifyContext(token: string | undefined, secrets: readonly string[], app: AppName, now = Date.now(), purpose: ContextPurpose = 'request'): VerifyResult {
  if (!token) return { ok: false, reason: 'missing' };
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
  const given = Buffer.from(signature, 'base64url');
  const valid = secrets.some((secret) => {
    const expected = Buffer.from(mac(payload, secret), 'base64url');
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  if (!valid) return { ok: false, reason: 'bad-signature' };
  let envelope: Envelope;
  try {
    envelope = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof envelope.exp !== 'number' || envelope.exp < now) return { ok: false, reason: 'expired' };
  if (envelope.app !== app) return { ok: false, reason: 'wrong-app' };
  if ((envelope.purpose ?? 'request') !== purpose) return { ok: false, reason: 'wrong-purpose' };
  return { ok: true, identity: { viewer: envelope.viewer, app: envelope.app, requestId: envelope.requestId } };
}

function mac(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}
