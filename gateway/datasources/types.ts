import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { LambdaInvoker } from '../../runtime/clients/lambda.js';
import type { SubgraphModule } from '../../runtime/subgraph/contract.js';
import type { AppDeps } from '../../runtime/container/appDeps.js';
import type { GatewayContext } from '../context.js';

/** Signs the caller's context for the subgraph; undefined: the call carries none (SUBGRAPH_SIGNED_CONTEXT_<NAME>=off). */
type SigningSecret = string | undefined;

/** How the gateway reaches one subgraph. */
export type SubgraphTarget =
  | { kind: 'local'; subgraph: SubgraphModule<never>; deps: AppDeps }
  | { kind: 'http'; url: string; contextSecret: SigningSecret }
  | {
      kind: 'lambda';
      /** Name or ARN, with an optional alias or version. */
      functionName: string;
      contextSecret: SigningSecret;
      /** One client for every subgraph and invocation of the container (runtime/clients/lambda.ts). */
      client: LambdaInvoker;
      /** Upper bound of the random pause before a throttled mutation is sent again. @default 100 */
      throttleRetryJitterMs?: number;
      /** The cold gateway's warm-ups (gateway/warmUp.ts): a call waits for one still in flight to its function. @default none */
      warmUps?: { pending(functionName: string): Promise<void> | undefined };
    };

/**
 * A transport: one subgraph call. When `signal` aborts (the deadline passed) the transport stops
 * its work and frees what it holds (socket, invocation); deadlines, retries and the circuit breaker
 * are added around every transport by gateway/resilience/ResilientDataSource.ts.
 */
export interface SubgraphDataSource extends GraphQLDataSource<GatewayContext> {
  process(options: GraphQLDataSourceProcessOptions<GatewayContext>, signal?: AbortSignal): Promise<GatewayGraphQLResponse>;
}
