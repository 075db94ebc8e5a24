/**
 * Bench servers (e) and (f): Hive Gateway's runtime over the same supergraph and subgraph
 * processes, with its JavaScript query planner, or with `rust` as argument the Rust one
 * (`@graphql-hive/router-runtime`'s `unifiedGraphHandler`). Like (d), it passes the client's
 * context signed for each subgraph through to that subgraph (bench/passThrough.ts).
 */
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { loadGatewayConfig } from '../../gateway/config.js';
import { SUBGRAPH_NAMES } from '../../schema/subgraphs.js';
import { CONTEXT_HEADER } from '../../runtime/security/signedContext.js';
import { passThroughHeader } from '../passThrough.js';
import { localSubgraphUrl, readSdl } from '../../schema/subgraphs.js';

const config = loadGatewayConfig();
let supergraph = readSdl('supergraph');
for (const name of SUBGRAPH_NAMES) supergraph = supergraph.replace(localSubgraphUrl(name), config.subgraphUrls[name] ?? localSubgraphUrl(name));

const gateway = createGatewayRuntime({
  supergraph,
  logging: false,
  ...(process.argv[2] === 'rust' ? { unifiedGraphHandler } : {}),
  propagateHeaders: { fromClientToSubgraphs: ({ request, subgraphName }) => ({ [CONTEXT_HEADER]: request.headers.get(passThroughHeader(subgraphName)) ?? '' }) },
});
const http = createServer(gateway);
http.listen(config.port, '127.0.0.1', () => console.log(`ready http://127.0.0.1:${config.port}/graphql`));
