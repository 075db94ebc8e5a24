/** API Gateway v2 (HTTP API) events as Lambda receives them. */
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';

export function v2Event(options: {
  method: 'GET' | 'POST' | 'OPTIONS';
  body?: string;
  base64?: boolean;
  query?: Record<string, string>;
  headers?: Record<string, string>;
}): APIGatewayProxyEventV2 {
  const rawQueryString = new URLSearchParams(options.query ?? {}).toString();
  const requestId = randomUUID();
  return {
    version: '2.0',
    routeKey: `${options.method} /graphql`,
    rawPath: '/graphql',
    rawQueryString,
    headers: { host: 'api.example.test', 'x-forwarded-proto': 'https', ...lowercase(options.headers ?? {}) },
    queryStringParameters: options.query,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.test',
      domainPrefix: 'api',
      http: { method: options.method, path: '/graphql', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId,
      routeKey: `${options.method} /graphql`,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    body: options.body === undefined ? undefined : options.base64 ? Buffer.from(options.body, 'utf8').toString('base64') : options.body,
    isBase64Encoded: Boolean(options.base64),
  };
}

function lowercase(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]));
}

export const lambdaContext = { functionName: 'test', awsRequestId: randomUUID() } as Context;
