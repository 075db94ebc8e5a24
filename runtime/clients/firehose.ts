/** The Firehose client that feeds the analytics lake in AWS, created once per container. */
import { FirehoseClient } from '@aws-sdk/client-firehose';
import { awsClientSettings, memoizeByEndpoint } from './aws.js';

export const firehoseClient = memoizeByEndpoint((endpoint) => {
  const { forcePathStyle: _s3Only, ...settings } = awsClientSettings(endpoint);
  return new FirehoseClient(settings);
});
