import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { postJson } from '../../runtime/clients/httpPost.js';
import { CONTEXT_HEADER, signedContextFor } from '../../runtime/security/signedContext.js';
import type { GatewayContext } from '../context.js';
import type { SubgraphDataSource, SubgraphTarget } from './types.js';
import { graphQLResponseFrom } from './subgraphAnswer.js';

/**
 * A subgraph behind a URL (ours as separate processes, or another team's), called with the caller's
 * context signed for it alone (`audience`: its name in the supergraph). The call takes the deadline's AbortSignal, so an abandoned call closes its socket.
 * A connection that fails or is cut mid-answer is thrown; the answer is read as every transport
 * reads one (./subgraphAnswer.ts).
 */
export class HttpSubgraphDataSource implements SubgraphDataSource {
  /** Parsed on the first call: a bad URL fails that call (SUBGRAPH_UNAVAILABLE), not the gateway's start. */
  private endpoint: URL | undefined;

  constructor(
    private readonly target: Extract<SubgraphTarget, { kind: 'http' }>,
    private readonly audience: string,
  ) {}

  async process({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>, signal?: AbortSignal): Promise<GatewayGraphQLResponse> {
    const { url, contextSecret } = this.target;
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (context.identity) {
      if (contextSecret !== undefined) headers[CONTEXT_HEADER] = signedContextFor(context.identity, { audience: this.audience, secret: contextSecret });
      headers['x-request-id'] = context.identity.requestId;
    }
    const { query, variables, operationName } = request;
    const response = await postJson((this.endpoint ??= new URL(url)), headers, JSON.stringify({ query, variables, operationName }), signal);
    return graphQLResponseFrom(url, response.status, response.text);
  }
}
