/**
 * The caller's identity as it travels from the gateway to a subgraph.
 *
 * Threat model: subgraphs trust no header a client could forge. The gateway signs the verified
 * claims, the app, the request id, the subgraph the context is for (its audience) and an expiry
 * with HMAC-SHA256; a subgraph accepts a context only when the MAC matches one of its secrets
 * (several during rotation), the app is its own, the audience is its own name and the expiry has
 * not passed. A missing, tampered, expired or foreign context is refused. The audience matters
 * because every subgraph sees the contexts sent to it: without it, whoever runs one subgraph (or
 * reads its logs) could replay an admin's context against another for as long as it lives. Another
 * team's subgraph gets contexts signed with a secret of its own (SUBGRAPH_SECRET_<NAME>), never
 * ours, so even one named like ours cannot use what it receives against ours (docs/SECURITY.md).
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

/** How a context is signed: for which subgraph, with which secret. */
export interface Signing {
  /** The name of the subgraph (in the supergraph) the context is for; any other refuses it. */
  audience: string;
  secret: string;
  /** @default Date.now() */
  now?: number;
  /** @default 'request' */
  purpose?: ContextPurpose;
}

/** What a subgraph accepts: its secrets (the first signs, all verify), its app and its own name. */
export interface Verifying {
  secrets: readonly string[];
  app: AppName;
  /** The subgraph's own name: a context signed for another subgraph is refused. */
  audience: string;
  /** @default Date.now() */
  now?: number;
  /** @default 'request' */
  purpose?: ContextPurpose;
}

interface Envelope extends RequestIdentity {
  /** The subgraph the context was signed for. */
  aud: string;
  exp: number;
  /** Absent: a request. */
  purpose?: 'warm-up';
}

/** @default 60 seconds: long enough for one gateway request, short enough to be useless if leaked. */
const TTL_MS = 60_000;

export function signContext(identity: RequestIdentity, { audience, secret, now = Date.now(), purpose = 'request' }: Signing): string {
  const envelope: Envelope = { viewer: identity.viewer, app: identity.app, requestId: identity.requestId, aud: audience, exp: now + TTL_MS, ...(purpose === 'request' ? {} : { purpose }) };
  const payload = Buffer.from(JSON.stringify(envelope)).toString('base64url');
  return `${payload}.${mac(payload, secret)}`;
}

/** By request identity, audience, then secret. */
const signedPerRequest = new WeakMap<RequestIdentity, Map<string, Map<string, string>>>();

/**
 * `signContext` once per request identity, audience and secret: a query plan calls a subgraph
 * several times with the same identity, and the HMAC showed in the gateway's profile.
 */
export function signedContextFor(identity: RequestIdentity, { audience, secret }: Pick<Signing, 'audience' | 'secret'>): string {
  let byAudience = signedPerRequest.get(identity);
  if (!byAudience) signedPerRequest.set(identity, (byAudience = new Map()));
  let bySecret = byAudience.get(audience);
  if (!bySecret) byAudience.set(audience, (bySecret = new Map()));
  let token = bySecret.get(secret);
  if (!token) bySecret.set(secret, (token = signContext(identity, { audience, secret })));
  return token;
}

export type RefusalReason = 'missing' | 'malformed' | 'bad-signature' | 'expired' | 'wrong-app' | 'wrong-audience' | 'wrong-purpose';
export type VerifyResult = { ok: true; identity: RequestIdentity } | { ok: false; reason: RefusalReason };

export function verifyContext(token: string | undefined, { secrets, app, audience, now = Date.now(), purpose = 'request' }: Verifying): VerifyResult {
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
  if (envelope.aud !== audience) return { ok: false, reason: 'wrong-audience' };
  if ((envelope.purpose ?? 'request') !== purpose) return { ok: false, reason: 'wrong-purpose' };
  return { ok: true, identity: { viewer: envelope.viewer, app: envelope.app, requestId: envelope.requestId } };
}

function mac(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}
