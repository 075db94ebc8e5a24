/**
 * Who the explorer sends queries as: a token pasted by the admin, or the ID token of a sign-in
 * with the refresh token that renews it. Kept for this browser tab only (sessionStorage): closing
 * the tab forgets it, and no other tab or later visit reads it.
 */
const KEY = 'learning-graph:explorer-session';

export interface Session {
  /** The bearer token the explorer sends. */
  token: string;
  /** Signed in through the provider: the refresh token, and when (ms since the epoch) to use it. */
  refresh?: { token: string; at: number };
}

export function savedSession(): Session | undefined {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Session | null;
    return typeof saved?.token === 'string' ? saved : undefined;
  } catch {
    return undefined;
  }
}

export function saveSession(session: Session | undefined): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
}

/** Accepts a token pasted with or without its "Bearer " prefix. */
export function normalizeToken(input: string): string {
  return input.trim().replace(/^Bearer\s+/i, '');
}

/** A JWT's claims, unverified: for display and the sign-in's nonce; the gateway verifies the signature, the page cannot. */
export function claimsOf(token: string): Record<string, unknown> | undefined {
  try {
    const bytes = Uint8Array.from(atob((token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/')), (char) => char.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

export interface Identity {
  /** The name the provider gives (`name`, else email or user name), if any. */
  name: string | undefined;
  userId: string;
  role: string;
}

/** Who a token says it is, read as the gateway reads it (gateway/auth/authenticate.ts). */
export function identityOf(token: string): Identity | undefined {
  const claims = claimsOf(token);
  if (!claims) return undefined;
  const name = [claims.name, claims.email, claims['cognito:username']].find((value): value is string => typeof value === 'string');
  const role = claims['custom:role'] ?? (claims['cognito:groups'] as unknown[] | undefined)?.[0] ?? 'no role';
  return { name, userId: String(claims['custom:user_id'] ?? claims.sub ?? '?'), role: String(role) };
}
