import { useMemo, useState } from 'react';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { explorerPlugin } from '@graphiql/plugin-explorer';
import { HISTORY_PLUGIN } from '@graphiql/plugin-history';
import { TokenBar } from './TokenBar.js';
import { savedToken, saveToken } from './token.js';

const DEFAULT_QUERY = `# Paste an admin token above, then run (Ctrl+Enter).
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

export function Explorer() {
  const [token, setToken] = useState(savedToken);
  // A new fetcher makes GraphiQL introspect again, so the schema follows the token.
  const fetcher = useMemo(
    () => createGraphiQLFetcher({ url: endpoint, headers: token ? { authorization: `Bearer ${token}` } : {} }),
    [token],
  );
  const changeToken = (next: string) => {
    saveToken(next);
    setToken(next);
  };
  return (
    <div className="explorer">
      <TokenBar token={token} onChange={changeToken} />
      <div className="explorer-ide">
        <GraphiQL fetcher={fetcher} plugins={plugins} defaultQuery={DEFAULT_QUERY} shouldPersistHeaders={false} />
      </div>
    </div>
  );
}
