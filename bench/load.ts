/** One bounded load run against 127.0.0.1 with autocannon. */
import autocannon, { type Request } from 'autocannon';

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
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
  const result = await autocannon({ url, requests, duration: options.seconds, connections: options.connections, pipelining: 1 });
  return {
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
