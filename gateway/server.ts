/**
 * The gateway: Apollo Server + Apollo Gateway over a static supergraph. Each subgraph is reached
 * through the data source its target names; a subgraph without a target (another team's) is
 * reached over HTTP at the URL the supergraph gives it.
 */
import { ApolloServer } from '@apollo/server';
import { ApolloGateway } from '@apollo/gateway';
import { randomUUID } from 'node:crypto';
import { formatError } from '../runtime/errors.js';
import type { Logger } from '../runtime/logger.js';
import type { AppName } from '../runtime/tenancy.js';
import type { Authenticate } from './auth/authenticate.js';
import type { GatewayContext } from './context.js';
import { dataSourceFor, type SubgraphTarget } from './datasources/index.js';

export interface GatewayOptions {
  app: AppName;
  supergraphSdl: string;
  /** By subgraph name; names absent here are reached over HTTP at their supergraph URL. */
  targets: Partial<Record<string, SubgraphTarget>>;
  /** Signs the caller's context for subgraphs reached over HTTP. */
  contextSecret: string;
  authenticate: Authenticate;
  logger: Logger;
  /** Hides introspection. @default false */
  production?: boolean;
}

export interface Gateway {
  server: ApolloServer<GatewayContext>;
  /** Builds the request context from the incoming headers (throws UNAUTHENTICATED on a bad token). */
  contextFor(request: { authorization?: string; requestId?: string }): Promise<GatewayContext>;
}

export function createGateway(options: GatewayOptions): Gateway {
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) =>
      dataSourceFor(options.targets[name] ?? { kind: 'http', url: url ?? '', contextSecret: options.contextSecret }),
  });
  const server = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !options.production,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    formatError: formatError((error) => options.logger.error('gateway.internal_error', { message: (error as Error)?.message })),
  });
  return {
    server,
    async contextFor({ authorization, requestId }) {
      const viewer = await options.authenticate(authorization);
      return { identity: { viewer, app: options.app, requestId: requestId && /^[\w-]{1,64}$/.test(requestId) ? requestId : randomUUID() } };
    },
  };
}
