/**
 * Bench: one subgraph as its own HTTP process (`tsx bench/servers/subgraph.ts <name>`), as
 * scripts/localServers.ts serves it, plus a count of the GraphQL requests it has served at
 * GET /bench/calls, so the bench can tell how many calls a gateway made per client request.
 */
import { loadConfig } from '../../runtime/config.js';
import { createAppRuntime } from '../../runtime/container/appDeps.js';
import type { SubgraphModule } from '../../runtime/subgraph/contract.js';
import * as subgraphs from '../../subgraphs/index.js';
import { serveHttp } from '../../runtime/serve/httpServer.js';
import { createSubgraphServer } from '../../runtime/subgraph/server.js';
import { contextFromSignedHeader } from '../../runtime/subgraph/signIn.js';
import { CONTEXT_HEADER } from '../../runtime/security/signedContext.js';
import { backingServiceChecks, healthRoutes } from '../../runtime/serve/health.js';

const config = loadConfig();
const module = (subgraphs as unknown as Record<string, SubgraphModule<never>>)[process.argv[2] ?? ''];
if (!module) throw new Error(`Unknown subgraph "${process.argv[2]}"`);
const runtime = createAppRuntime(config);
let served = 0;
const { url } = await serveHttp(createSubgraphServer(module, runtime.deps), async (request) => {
  // One context per GraphQL request that reached Apollo Server: a call the gateway made.
  served++;
  const header = request.headers[CONTEXT_HEADER];
  return contextFromSignedHeader(module, runtime.deps, Array.isArray(header) ? header[0] : header);
}, {
  port: config.port,
  routes: {
    ...healthRoutes(() => backingServiceChecks(runtime.deps)),
    '/bench/calls': (_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ calls: served }));
    },
  },
});
console.log(`ready ${url}`);
