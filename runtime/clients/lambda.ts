/**
 * The Lambda client the gateway invokes subgraph functions with, created once per container. The
 * SDK is imported on the first invocation, not at cold start: a container answering from its
 * caches, or a `{ __typename }` probe, never loads it.
 */
import type { InvokeCommandInput, InvokeCommandOutput } from '@aws-sdk/client-lambda';
import { awsClientSettings, memoizeByEndpoint } from './aws.js';

export interface LambdaInvoker {
  invoke(input: InvokeCommandInput, signal?: AbortSignal): Promise<InvokeCommandOutput>;
}

/** Lambda refused the invocation for concurrency: the function did not run. */
export const isThrottled = (error: unknown) => error instanceof Error && error.name === 'TooManyRequestsException';

export const lambdaClient = memoizeByEndpoint((endpoint): LambdaInvoker => {
  const { forcePathStyle: _s3Only, ...settings } = awsClientSettings(endpoint);
  let client: Promise<{ send(input: InvokeCommandInput, signal?: AbortSignal): Promise<InvokeCommandOutput> }> | undefined;
  const loadClient = () =>
    (client ??= import('@aws-sdk/client-lambda').then(({ LambdaClient, InvokeCommand }) => {
      // One attempt per send: which failures may be sent again is the gateway's decision
      // (gateway/datasources/LambdaSubgraphDataSource.ts, gateway/resilience/).
      const sdk = new LambdaClient({ ...settings, maxAttempts: 1 });
      return { send: (input, signal) => sdk.send(new InvokeCommand(input), { abortSignal: signal }) };
    }));
  return { invoke: async (input, signal) => (await loadClient()).send(input, signal) };
});
