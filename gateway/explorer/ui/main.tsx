import './monacoWorkers.js';
import { createRoot } from 'react-dom/client';
import type { ExplorerSettings } from '../signIn.js';
import { Explorer } from './Explorer.js';
import { savedSession, saveSession, type Session } from './session.js';
import { finishSignIn } from './signIn.js';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import './explorer.css';

/** The gateway's sign-in settings (gateway/explorer/routes.ts), beside this script. */
async function loadSettings(): Promise<ExplorerSettings> {
  const response = await fetch(new URL('settings.json', import.meta.url));
  return response.ok ? ((await response.json()) as ExplorerSettings) : { signIn: null };
}

/** The session this page starts with: a sign-in the provider just answered, else the tab's own. */
async function startingSession(settings: ExplorerSettings): Promise<{ session: Session | undefined; notice: string | undefined }> {
  try {
    const signedIn = await finishSignIn(settings.signIn);
    if (!signedIn) return { session: savedSession(), notice: undefined };
    saveSession(signedIn);
    return { session: signedIn, notice: undefined };
  } catch (error) {
    return { session: savedSession(), notice: `Sign-in failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

const settings = await loadSettings();
createRoot(document.getElementById('root')!).render(<Explorer settings={settings} initial={await startingSession(settings)} />);
