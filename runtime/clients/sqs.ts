/** The SQS client of the analytics queue, created once per container. */
import { SQSClient } from '@aws-sdk/client-sqs';
import { awsClientSettings, memoizeByEndpoint } from './aws.js';

export const sqsClient = memoizeByEndpoint((endpoint) => {
  const { forcePathStyle: _s3Only, ...settings } = awsClientSettings(endpoint);
  return new SQSClient(settings);
});
