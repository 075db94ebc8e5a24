import { useMemo } from 'react';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { explorerPlugin } from '@graphiql/plugin-explorer';
import { HISTORY_PLUGIN } from '@graphiql/plugin-history';
import type { ExplorerSettings } from '../signIn.js';
import { AccountBar } from './AccountBar.js';
import { identityOf, type Session } from './session.js';
import { useSession } from './useSession.js';

const DEFAULT_QUERY = `# Sign in as an admin (or paste an admin token) above, then run (Ctrl+Enter).
query Classroom {
  classroom(id: "1") {
    name
    teacher { displayName }
    students { displayName mastery activity { streakDays } }
  }
}
`;

// Relative to the page, so the explorer works under any path prefix the gateway is served on.
const endpoint = new URL('graphql', document.baseURI).href;
const plugins = [HISTORY_PLUGIN, explorerPlugin()];

export function Explorer({ settings, initial }: { settings: ExplorerSettings; initial: { session: Session | undefined; notice: string | undefined } }) {
  const state = useSession(settings.signIn, initial);
  const token = state.session?.token;
  const identity = token ? identityOf(token) : undefined;
  // A new fetcher makes GraphiQL introspect again: the schema follows who is signed in, not each refreshed token.
  const viewer = token ? `${identity?.userId}:${identity?.role}:${identity ? '' : token}` : '';
  const fetcher = useMemo(
    () => createGraphiQLFetcher({
      url: endpoint,
      fetch: async (input, init) => {
        const bearer = await state.bearer();
        const headers = new Headers(init?.headers);
        if (bearer) headers.set('authorization', `Bearer ${bearer}`);
        return fetch(input, { ...init, headers });
      },
    }),
    [viewer], // not state: bearer() reads the session current at each request
  );
  return (
    <div className="explorer">
      <AccountBar signIn={settings.signIn} state={state} />
      <div className="explorer-ide">
        <GraphiQL fetcher={fetcher} plugins={plugins} defaultQuery={DEFAULT_QUERY} shouldPersistHeaders={false} />
      </div>
    </div>
  );
}
