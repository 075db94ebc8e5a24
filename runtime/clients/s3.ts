/** The S3 client of the analytics lake, created once per container. */
import { S3Client } from '@aws-sdk/client-s3';
import { awsClientSettings, memoizeByEndpoint } from './aws.js';

export const s3Client = memoizeByEndpoint((endpoint) => new S3Client(awsClientSettings(endpoint)));
