/** The Lambda client the gateway invokes subgraph functions with, created once per container. */
import { LambdaClient } from '@aws-sdk/client-lambda';
import { awsClientSettings, memoizeByEndpoint } from './aws.js';

export const lambdaClient = memoizeByEndpoint((endpoint) => {
  const { forcePathStyle: _s3Only, ...settings } = awsClientSettings(endpoint);
  // One attempt per send: which failures may be sent again is the gateway's decision
  // (gateway/datasources/LambdaSubgraphDataSource.ts, gateway/resilience/).
  return new LambdaClient({ ...settings, maxAttempts: 1 });
});
