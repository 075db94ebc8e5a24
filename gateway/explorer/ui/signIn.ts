/**
 * The explorer's side of the sign-in (gateway/explorer/signIn.ts): OAuth 2.0's authorization code
 * flow with PKCE (RFC 7636, S256) as a public client. The page sends the admin to the provider's
 * sign-in with a fresh verifier, state and nonce kept in this tab; back with a code, it checks the
 * state, exchanges the code and verifier at the token endpoint, checks the ID token's nonce, and
 * removes the code from the address bar. The ID token is the bearer: it carries the user id and
 * role the gateway reads, as the apps' tokens do.
 */
import type { ExplorerSignIn } from '../signIn.js';
import { claimsOf, type Session } from './session.js';

const PENDING = 'learning-graph:explorer-sign-in';

/** Refresh this long before the token expires, or a third of its life when that is shorter. */
const REFRESH_MARGIN_MS = 60_000;

interface Pending {
  verifier: string;
  state: string;
  nonce: string;
}

interface TokenResponse {
  id_token: string;
  refresh_token?: string;
  expires_in?: number;
}

export class SignInError extends Error {
  override readonly name = 'SignInError';
}

/** The explorer's own address, the redirect URI registered with the provider: this page without query or fragment. */
export const explorerUrl = () => `${location.origin}${location.pathname}`;

function randomText(bytes: number): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Sends the browser to the provider's sign-in page. */
export async function beginSignIn(signIn: ExplorerSignIn): Promise<void> {
  const pending: Pending = { verifier: randomText(32), state: randomText(16), nonce: randomText(16) };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(pending.verifier))));
  const url = new URL(signIn.authorizationUrl);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: signIn.clientId,
    redirect_uri: explorerUrl(),
    scope: signIn.scopes,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.href);
}

/**
 * On the provider's answer (`?code=…&state=…`, or `?error=…`): the session its code buys.
 * undefined when the page was not opened by a sign-in; SignInError when it failed.
 */
export async function finishSignIn(signIn: ExplorerSignIn | null): Promise<Session | undefined> {
  const answer = new URLSearchParams(location.search);
  if (!answer.has('code') && !answer.has('error')) return undefined;
  // The code is for one use: it leaves the address bar and the history at once.
  history.replaceState(null, '', explorerUrl());
  const saved = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING);
  const pending = saved ? (JSON.parse(saved) as Pending) : undefined;
  if (!signIn || !pending || answer.get('state') !== pending.state) throw new SignInError('This answer is not for a sign-in started in this tab: sign in again');
  const code = answer.get('code');
  if (!code) throw new SignInError(answer.get('error_description') ?? answer.get('error') ?? 'The provider refused the sign-in');
  const tokens = await tokenRequest(signIn, { grant_type: 'authorization_code', client_id: signIn.clientId, code, redirect_uri: explorerUrl(), code_verifier: pending.verifier });
  if (claimsOf(tokens.id_token)?.nonce !== pending.nonce) throw new SignInError('The ID token is not for this sign-in (its nonce differs): sign in again');
  return sessionOf(tokens);
}

/** A new token for a signed-in session, before its token expires. */
export async function refreshSession(signIn: ExplorerSignIn, session: Session): Promise<Session> {
  if (!session.refresh) throw new SignInError('A pasted token cannot be refreshed');
  const tokens = await tokenRequest(signIn, { grant_type: 'refresh_token', client_id: signIn.clientId, refresh_token: session.refresh.token });
  return sessionOf(tokens, session.refresh.token);
}

/** The provider's sign-out, which comes back to the explorer. */
export function signOutUrl(signIn: ExplorerSignIn): string {
  const url = new URL(signIn.logoutUrl);
  url.searchParams.set('client_id', signIn.clientId);
  url.searchParams.set(signIn.logoutReturnParameter, explorerUrl());
  return url.href;
}

async function tokenRequest(signIn: ExplorerSignIn, form: Record<string, string>): Promise<TokenResponse> {
  const response = await fetch(signIn.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
  const body = (await response.json().catch(() => ({}))) as Partial<TokenResponse> & { error?: string; error_description?: string };
  if (!response.ok || typeof body.id_token !== 'string') throw new SignInError(body.error_description ?? body.error ?? `The provider's token endpoint answered ${response.status}`);
  return body as TokenResponse;
}

/**
 * When to refresh comes from lifetimes the provider states (`expires_in`, the ID token's `exp - iat`),
 * counted from now on this browser's clock, so a clock that is off does not matter.
 */
function sessionOf(tokens: TokenResponse, previousRefreshToken?: string): Session {
  const claims = claimsOf(tokens.id_token);
  const lifetimes = [tokens.expires_in, typeof claims?.exp === 'number' && typeof claims.iat === 'number' ? claims.exp - claims.iat : undefined];
  const lifetimeMs = Math.min(...lifetimes.filter((seconds): seconds is number => typeof seconds === 'number' && seconds > 0).map((seconds) => seconds * 1000), 3_600_000);
  const refreshToken = tokens.refresh_token ?? previousRefreshToken;
  return {
    token: tokens.id_token,
    refresh: refreshToken ? { token: refreshToken, at: Date.now() + lifetimeMs - Math.min(REFRESH_MARGIN_MS, lifetimeMs / 3) } : undefined,
  };
}
