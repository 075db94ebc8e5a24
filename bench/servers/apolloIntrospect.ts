/**
 * Bench server (d): Apollo Gateway as its docs suggest by default: IntrospectAndCompose over HTTP
 * with RemoteGraphQLDataSource. It does no authentication of its own; the client's context signed
 * for each subgraph is passed through to that subgraph (which verifies it; bench/passThrough.ts),
 * and composition signs as an admin.
 */
import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource } from '@apollo/gateway';
import { loadGatewayConfig } from '../../gateway/config.js';
import { SUBGRAPH_NAMES } from '../../schema/subgraphs.js';
import { CONTEXT_HEADER, signContext } from '../../runtime/security/signedContext.js';
import { passThroughHeader } from '../passThrough.js';
import { serveHttp } from '../../runtime/serve/httpServer.js';

const config = loadGatewayConfig();
const secret = config.contextSecrets[0] ?? '';
/** The incoming request's headers: the contexts the client signed, one per subgraph. */
interface PassThrough { headers?: Record<string, string | string[] | undefined> }

const gateway = new ApolloGateway({
  supergraphSdl: new IntrospectAndCompose({ subgraphs: SUBGRAPH_NAMES.map((name) => ({ name, url: config.subgraphUrls[name] ?? '' })) }),
  buildService: ({ name, url }) => new RemoteGraphQLDataSource<PassThrough>({
    url,
    willSendRequest({ request, context }) {
      const passed = context.headers?.[passThroughHeader(name)];
      const signed = typeof passed === 'string' ? passed : signContext({ viewer: { kind: 'user', userId: '1', role: 'ADMIN' }, app: config.app, requestId: randomUUID() }, { audience: name, secret });
      request.http?.headers.set(CONTEXT_HEADER, signed);
    },
  }),
});
const server = new ApolloServer<PassThrough>({ gateway, includeStacktraceInErrorResponses: false });
const { url } = await serveHttp(server, async (request) => ({ headers: request.headers }), { port: config.port });
console.log(`ready ${url}`);
