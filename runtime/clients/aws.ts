/**
 * Settings shared by the AWS SDK clients (SQS, S3, Firehose). In AWS the SDK finds the region and
 * credentials itself; an `endpoint` means an emulator (fauxqs, LocalStack), which takes any region
 * and credentials and serves S3 by path rather than by bucket host name.
 */
export function awsClientSettings(endpoint: string | undefined) {
  return endpoint
    ? { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, forcePathStyle: true }
    : {};
}

/** One client per endpoint and container: clients hold connection pools. */
export function memoizeByEndpoint<T>(create: (endpoint: string | undefined) => T): (endpoint: string | undefined) => T {
  const clients = new Map<string, T>();
  return (endpoint) => {
    let client = clients.get(endpoint ?? '');
    if (client === undefined) clients.set(endpoint ?? '', (client = create(endpoint)));
    return client;
  };
}
