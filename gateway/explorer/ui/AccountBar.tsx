import { useState, type FormEvent } from 'react';
import type { ExplorerSignIn } from '../signIn.js';
import { identityOf, normalizeToken } from './session.js';
import { beginSignIn, signOutUrl } from './signIn.js';
import type { SessionState } from './useSession.js';

/**
 * Who the explorer queries as: the provider's sign-in (when the gateway has one), or a pasted
 * token (`npm run token -- --user 1 --role ADMIN` in development); and signing out.
 */
export function AccountBar({ signIn, state }: { signIn: ExplorerSignIn | null; state: SessionState }) {
  const { session, notice, replace } = state;
  const [draft, setDraft] = useState('');
  const paste = (event: FormEvent) => {
    event.preventDefault();
    const token = normalizeToken(draft);
    replace(token ? { token } : undefined);
    setDraft('');
  };
  const signOut = () => {
    const signedIn = signIn && session?.refresh;
    replace(undefined);
    // Also ends the provider's session, or the next sign-in would pass without a password.
    if (signedIn) location.assign(signOutUrl(signIn));
  };
  return (
    <header className="account-bar">
      <strong>Learning graph explorer</strong>
      {signIn && !session ? <button type="button" className="sign-in" onClick={() => void beginSignIn(signIn)}>Sign in</button> : null}
      <form className="token-form" onSubmit={paste}>
        <label>
          Token <input type="password" name="token" autoComplete="off" placeholder="or paste a bearer token" value={draft} onChange={(event) => setDraft(event.target.value)} />
        </label>
        <button type="submit">Use token</button>
      </form>
      <span className="token-status" aria-live="polite">{status(session?.token)}</span>
      {session ? <button type="button" className="sign-out" onClick={signOut}>Sign out</button> : null}
      {notice ? <span className="notice" role="alert">{notice}</span> : null}
    </header>
  );
}

function status(token: string | undefined) {
  if (!token) return 'Anonymous: public fields only, no schema in production';
  const identity = identityOf(token);
  if (!identity) return 'Signed in with a token that is not a JWT';
  // Names are often Arabic: isolated, so the text around them keeps its order.
  return <>Signed in as {identity.name ? <><bdi>{identity.name}</bdi>: </> : null}user {identity.userId}, {identity.role}</>;
}
