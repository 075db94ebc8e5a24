/** Bench server (a): every subgraph's resolvers in one plain Apollo Server, same auth as the gateway. */
import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { loadGatewayConfig } from '../../gateway/config.js';
import { createAppRuntime } from '../../runtime/container/appDeps.js';
import { createAccess } from '../../runtime/policy/access.js';
import { serveHttp } from '../../runtime/serve/httpServer.js';
import type { BaseContext, SubgraphModule } from '../../runtime/subgraph/contract.js';
import * as subgraphs from '../../subgraphs/index.js';
import { authenticatorFromConfig } from '../../gateway/fromConfig.js';
import { monolithSchema, type MonolithContext } from '../monolith.js';

const config = loadGatewayConfig();
const runtime = createAppRuntime(config);
const modules = Object.values(subgraphs) as SubgraphModule<never>[];
const authenticate = await authenticatorFromConfig(config);
const server = new ApolloServer<MonolithContext>({ schema: monolithSchema(modules), includeStacktraceInErrorResponses: false });

const { url } = await serveHttp(server, async (request) => {
  const viewer = await authenticate(request.headers.authorization);
  const base: BaseContext = { requestId: randomUUID(), deps: runtime.deps, logger: runtime.deps.logger, access: createAccess(viewer, config.app, runtime.deps.db, runtime.deps.cache) };
  const contexts = new Map<string, BaseContext>();
  return {
    contextOf(name) {
      let context = contexts.get(name);
      if (!context) contexts.set(name, (context = (modules.find((m) => m.name === name) as SubgraphModule<BaseContext>).createContext(base)));
      return context;
    },
  };
}, { port: config.port });
console.log(`ready ${url}`);
