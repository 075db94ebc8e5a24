/** One bounded load run against 127.0.0.1 with autocannon. */
import autocannon, { type Request } from 'autocannon';

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  /** Connection errors, timeouts and answers with GraphQL errors: a setup fast because it fails must not look good. */
  errors: number;
}

export interface LoadOptions {
  /** @default 10 */
  seconds: number;
  /** @default 10 */
  connections: number;
}

export async function load(url: string, requests: Request[], options: LoadOptions): Promise<LoadResult> {
  if (!/^http:\/\/127\.0\.0\.1[:/]/.test(url)) throw new Error(`Load only targets 127.0.0.1; got ${url}`);
  let graphqlErrors = 0;
  const counted = requests.map((request) => ({ ...request, onResponse: (status: number, body: string) => void (status === 200 && body.includes('"errors"') && graphqlErrors++) }));
  const result = await autocannon({ url, requests: counted, duration: options.seconds, connections: options.connections, pipelining: 1 });
  return {
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts + graphqlErrors,
  };
}
