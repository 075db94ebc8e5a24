import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExplorerSignIn } from '../signIn.js';
import { saveSession, type Session } from './session.js';
import { refreshSession } from './signIn.js';

export interface SessionState {
  session: Session | undefined;
  /** What the admin should know: a failed sign-in, a sign-in that ended. */
  notice: string | undefined;
  /** Replaces the session (a pasted token, a sign-out), in this tab's storage too. */
  replace(session: Session | undefined, notice?: string): void;
  /** The token to send now: refreshed first when it is due, so a tab that slept sends no stale one. */
  bearer(): Promise<string | undefined>;
}

/** The tab's session, refreshed before its token expires while the page is open. */
export function useSession(signIn: ExplorerSignIn | null, initial: { session: Session | undefined; notice: string | undefined }): SessionState {
  const [session, setSession] = useState(initial.session);
  const [notice, setNotice] = useState(initial.notice);
  const current = useRef(session);
  const refreshing = useRef<Promise<Session | undefined> | undefined>(undefined);

  const replace = useCallback((next: Session | undefined, nextNotice?: string) => {
    saveSession(next);
    current.current = next;
    setSession(next);
    setNotice(nextNotice);
  }, []);

  const refresh = useCallback((): Promise<Session | undefined> => {
    const from = current.current;
    if (!signIn || !from?.refresh) return Promise.resolve(from);
    refreshing.current ??= refreshSession(signIn, from).then(
      (next) => (replace(next), next),
      (error: unknown) => (replace(undefined, `Your sign-in has ended (${error instanceof Error ? error.message : String(error)}): sign in again`), undefined),
    ).finally(() => {
      refreshing.current = undefined;
    });
    return refreshing.current;
  }, [signIn, replace]);

  useEffect(() => {
    if (!session?.refresh) return;
    const timer = setTimeout(() => void refresh(), Math.max(0, session.refresh.at - Date.now()));
    return () => clearTimeout(timer);
  }, [session, refresh]);

  const bearer = useCallback(async () => {
    const now = current.current;
    const fresh = now?.refresh && Date.now() >= now.refresh.at ? await refresh() : now;
    return fresh?.token;
  }, [refresh]);

  return { session, notice, replace, bearer };
}
