import { useState, type FormEvent } from 'react';
import { describeToken, normalizeToken } from './token.js';

/** Where the admin pastes a token (`npm run token -- --user 1 --role ADMIN` in development). */
export function TokenBar({ token, onChange }: { token: string; onChange(token: string): void }) {
  const [draft, setDraft] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange(normalizeToken(draft));
    setDraft('');
  };
  return (
    <form className="token-bar" onSubmit={submit}>
      <strong>Learning graph explorer</strong>
      <label>
        Token <input type="password" name="token" autoComplete="off" placeholder="paste a bearer token" value={draft} onChange={(event) => setDraft(event.target.value)} />
      </label>
      <button type="submit">Use token</button>
      <span className="token-status" aria-live="polite">{token ? `Signed in: ${describeToken(token)}` : 'Anonymous: public fields only, no schema in production'}</span>
      {token ? <button type="button" onClick={() => onChange('')}>Sign out</button> : null}
    </form>
  );
}
