import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { InvokeCommandInput, InvokeCommandOutput } from '@aws-sdk/client-lambda';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { CONTEXT_HEADER, signedContextFor } from '../../runtime/security/signedContext.js';
import type { GatewayContext } from '../context.js';
import { isThrottled } from '../../runtime/clients/lambda.js';
import { invocationEvent } from '../../runtime/serve/invocationEvent.js';
import { graphQLResponseOf } from './lambdaPayload.js';
import { fetchOperationType } from './fetchOperation.js';
import type { SubgraphDataSource, SubgraphTarget } from './types.js';

/**
 * A subgraph in its own Lambda function, invoked directly (RequestResponse, no API Gateway hop) with
 * an API Gateway v2 shaped event, so the subgraph's one handler serves both paths. The invocation
 * is aborted with `signal`. A function error or a payload that is not a GraphQL response is thrown
 * (the resilience wrapper makes it SUBGRAPH_UNAVAILABLE on this subgraph's fields). A call to a
 * function whose warm-up is still in flight waits for it, so it meets the container the warm-up started.
 * The caller's context is signed for this subgraph alone (`audience`: its name in the supergraph).
 */
export class LambdaSubgraphDataSource implements SubgraphDataSource {
  constructor(
    private readonly target: Extract<SubgraphTarget, { kind: 'lambda' }>,
    private readonly audience: string,
  ) {}

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>, signal?: AbortSignal): Promise<GatewayGraphQLResponse> {
    const { request, context } = options;
    const { functionName, contextSecret } = this.target;
    const requestId = context.identity?.requestId ?? randomUUID();
    const headers: Record<string, string> = { 'x-request-id': requestId };
    if (context.identity && contextSecret !== undefined) headers[CONTEXT_HEADER] = signedContextFor(context.identity, { audience: this.audience, secret: contextSecret });
    const payload = JSON.stringify(invocationEvent(request, headers, requestId));
    const input: InvokeCommandInput = { FunctionName: functionName, InvocationType: 'RequestResponse', Payload: payload };
    await this.target.warmUps?.pending(functionName);
    return graphQLResponseOf(functionName, await this.invoke(input, fetchOperationType(options) === 'mutation', signal));
  }

  /**
   * A throttled invocation never ran the function, so even a mutation is sent once more, after a
   * random pause. Queries are not: the resilience wrapper already resends a failed query once.
   */
  private async invoke(input: InvokeCommandInput, mutation: boolean, signal: AbortSignal | undefined): Promise<InvokeCommandOutput> {
    const { client, throttleRetryJitterMs = 100 } = this.target;
    try {
      return await client.invoke(input, signal);
    } catch (error) {
      if (!mutation || !isThrottled(error)) throw error;
      await sleep(Math.random() * throttleRetryJitterMs, undefined, { signal });
      return client.invoke(input, signal);
    }
  }
}
