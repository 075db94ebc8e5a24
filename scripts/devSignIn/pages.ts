/**
 * The development sign-in's pages: plain HTML from this process, nothing fetched from elsewhere
 * (oidc-provider's own pages load a web font).
 */
import { DEMO_LOGINS, DEMO_PASSWORD } from './accounts.js';
import { DEMO_PEOPLE } from '../../seed/people.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (text: string) => text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);

const STYLE = `
  body { font: 15px system-ui, sans-serif; background: #f4f5f7; margin: 0; display: grid; place-items: start center; min-height: 100vh; }
  main { background: #fff; margin-top: 8vh; padding: 2rem 2.25rem; width: 22rem; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
  h1 { font-size: 1.35rem; margin: 0 0 .25rem; }
  .client { color: #555; margin: 0 0 1.25rem; }
  label { display: block; margin: .75rem 0 .25rem; font-weight: 600; }
  input { width: 100%; box-sizing: border-box; padding: .5rem; font: inherit; }
  button { margin-top: 1.25rem; width: 100%; padding: .6rem; font: inherit; font-weight: 600; background: #2457c5; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
  .error { color: #b00020; margin: .75rem 0 0; }
  .note { color: #666; font-size: 13px; margin-top: 1.25rem; }
  .note ul { padding-left: 1.1rem; margin: .25rem 0; }
`;

function page(title: string, body: string, script = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>${escape(title)}</title><style>${STYLE}</style></head><body><main>${body}</main>${script}</body></html>`;
}

const NAMED = Object.entries(DEMO_LOGINS).map(([login, id]) => {
  const person = DEMO_PEOPLE.find((candidate) => candidate.id === id)!;
  return `<li><code>${login}</code>: <bdi>${escape(person.displayName)}</bdi></li>`;
});

export function loginPage({ action, clientName, username = '', error }: { action: string; clientName: string; username?: string; error?: string }): string {
  return page('Sign in · Learning graph (development)', `
    <h1>Sign in</h1>
    <p class="client">to ${escape(clientName)}</p>
    <form method="post" action="${escape(action)}" autocomplete="off">
      <label for="username">Username</label>
      <input id="username" name="username" value="${escape(username)}" autofocus required>
      <label for="password">Password</label>
      <input id="password" name="password" type="password" required>
      ${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}
      <button type="submit">Sign in</button>
    </form>
    <div class="note">Development sign-in: the demo people, password <code>${DEMO_PASSWORD}</code>.
      <ul>${NAMED.join('')}<li>or any demo id, <code>1</code> to <code>${DEMO_PEOPLE.length}</code></li></ul>
    </div>`);
}

/** Signing out ends the provider's session at once, as the user pool's /logout does: no question asked. */
export function logoutPage(form: string): string {
  const confirm = '<input type="hidden" form="op.logoutForm" name="logout" value="yes">';
  return page('Signing out', `<h1>Signing out…</h1>${form}${confirm}<noscript><button type="submit" form="op.logoutForm">Sign out</button></noscript>`,
    '<script>document.getElementById("op.logoutForm").submit()</script>');
}

export const signedOutPage = () => page('Signed out', '<h1>Signed out</h1><p class="client">You are signed out of the development sign-in.</p>');

export const errorPage = (out: Record<string, string>) =>
  page('Sign-in error', `<h1>Sign-in error</h1>${Object.entries(out).map(([key, value]) => `<p><strong>${escape(key)}</strong>: ${escape(String(value))}</p>`).join('')}`);
