/**
 * Bench server (d): Apollo Gateway as its docs suggest by default: IntrospectAndCompose over HTTP
 * with RemoteGraphQLDataSource. It does no authentication of its own; the client's signed context
 * header is passed through to the subgraphs (which verify it), and composition signs as an admin.
 */
import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource } from '@apollo/gateway';
import { loadGatewayConfig } from '../../gateway/config.js';
import { SUBGRAPH_NAMES } from '../../schema/subgraphs.js';
import { CONTEXT_HEADER, signContext } from '../../runtime/security/signedContext.js';
import { serveHttp } from '../../runtime/serve/httpServer.js';

const config = loadGatewayConfig();
const secret = config.contextSecrets[0] ?? '';
interface PassThrough { signedContext?: string }

const gateway = new ApolloGateway({
  supergraphSdl: new IntrospectAndCompose({ subgraphs: SUBGRAPH_NAMES.map((name) => ({ name, url: config.subgraphUrls[name] ?? '' })) }),
  buildService: ({ url }) => new RemoteGraphQLDataSource<PassThrough>({
    url,
    willSendRequest({ request, context }) {
      const signed = context.signedContext ?? signContext({ viewer: { kind: 'user', userId: '1', role: 'ADMIN' }, app: config.app, requestId: randomUUID() }, secret);
      request.http?.headers.set(CONTEXT_HEADER, signed);
    },
  }),
});
const server = new ApolloServer<PassThrough>({ gateway, includeStacktraceInErrorResponses: false });
const { url } = await serveHttp(server, async (request) => ({ signedContext: request.headers[CONTEXT_HEADER] as string | undefined }), { port: config.port });
console.log(`ready ${url}`);
