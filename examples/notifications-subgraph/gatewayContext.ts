/**
 * Verifies the learning graph gateway's signed context in a subgraph that does not use the graph's
 * own runtime. Copy this file (Node's crypto only) into your subgraph.
 *
 * Threat model: your subgraph trusts no header a client could forge. On every call the gateway
 * sends `x-learning-context: <payload>.<mac>`, where payload is base64url of the JSON
 * `{ viewer, app, requestId, aud, exp }` (aud: the name your subgraph has in the gateway's
 * registry; exp in ms since the epoch, 60 s ahead) and mac is base64url of HMAC-SHA256(payload)
 * under the secret the gateway holds for your subgraph only (SUBGRAPH_SECRET_<NAME>). Refuse the
 * call unless the MAC matches one of your secrets (two during a rotation), `exp` has not passed,
 * `app` is the app you serve and `aud` is your subgraph's name (a context signed for another
 * subgraph of the same team, sharing your secret, is not for you).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const GATEWAY_CONTEXT_HEADER = 'x-learning-context';

export type Viewer = { kind: 'user'; userId: string; role: 'STUDENT' | 'PARENT' | 'TEACHER' | 'ADMIN' } | { kind: 'anonymous' };

export interface GatewayContext {
  viewer: Viewer;
  app: string;
  requestId: string;
}

/** The caller, or undefined when the header is missing, tampered with, expired, or for another app or subgraph. */
export function verifyGatewayContext(header: string | undefined, secrets: readonly string[], app: string, audience: string, now = Date.now()): GatewayContext | undefined {
  const [payload, mac, extra] = (header ?? '').split('.');
  if (!payload || !mac || extra !== undefined) return undefined;
  const given = Buffer.from(mac, 'base64url');
  const signed = secrets.some((secret) => {
    const expected = createHmac('sha256', secret).update(payload).digest();
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  if (!signed) return undefined;
  try {
    const context = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as GatewayContext & { aud: unknown; exp: unknown };
    if (typeof context.exp !== 'number' || context.exp < now || context.app !== app || context.aud !== audience) return undefined;
    return { viewer: context.viewer, app: context.app, requestId: context.requestId };
  } catch {
    return undefined;
  }
}
