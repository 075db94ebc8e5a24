import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { CONTEXT_HEADER, signContext } from '../../runtime/signedContext.js';
import type { GatewayContext } from '../context.js';
import type { SubgraphTarget } from './types.js';

/** A subgraph behind a URL (ours as separate processes, or another team's), with the caller's signed context. */
export class HttpSubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly contextSecret: string;

  constructor(target: Extract<SubgraphTarget, { kind: 'http' }>) {
    super({ url: target.url });
    this.contextSecret = target.contextSecret;
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (!context.identity) return; // health checks and schema loading carry no caller
    request.http?.headers.set(CONTEXT_HEADER, signContext(context.identity, this.contextSecret));
    request.http?.headers.set('x-request-id', context.identity.requestId);
  }
}
