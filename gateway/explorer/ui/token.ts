/** The bearer token the explorer sends, kept for this browser tab only (sessionStorage). */
const KEY = 'learning-graph:explorer-token';

export function savedToken(): string {
  return sessionStorage.getItem(KEY) ?? '';
}

export function saveToken(token: string): void {
  if (token) sessionStorage.setItem(KEY, token);
  else sessionStorage.removeItem(KEY);
}

/** Accepts a token pasted with or without its "Bearer " prefix. */
export function normalizeToken(input: string): string {
  return input.trim().replace(/^Bearer\s+/i, '');
}

/** Who the token says it is, for display only: the gateway verifies the signature, the page cannot. */
export function describeToken(token: string): string {
  try {
    const payload = JSON.parse(atob((token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
    const role = payload['custom:role'] ?? (payload['cognito:groups'] as unknown[] | undefined)?.[0] ?? 'no role';
    const user = payload['custom:user_id'] ?? payload.sub ?? '?';
    return `user ${String(user)}, ${String(role)}`;
  } catch {
    return 'not a JWT';
  }
}
