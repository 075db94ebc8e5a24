/**
 * A GraphQL request as the API Gateway v2 (HTTP API) event a Lambda handler serves: what the gateway
 * sends a subgraph function (gateway/datasources/LambdaSubgraphDataSource.ts), and what a subgraph
 * runs through its own handler to warm up (runtime/serve/warmUp.ts).
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** The operation as it travels: a GatewayGraphQLRequest's text, variables and name. */
export interface GraphQLRequestText {
  query?: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

const ROUTE = 'POST /graphql';

/** The event API Gateway would send for a POST of `request` to /graphql with these headers. */
export function invocationEvent(request: GraphQLRequestText, headers: Record<string, string>, requestId: string): APIGatewayProxyEventV2 {
  const { query, variables, operationName } = request;
  const now = Date.now();
  return {
    version: '2.0',
    routeKey: ROUTE,
    rawPath: '/graphql',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', ...headers },
    requestContext: {
      accountId: 'gateway',
      apiId: 'gateway',
      domainName: 'lambda-invoke',
      domainPrefix: 'lambda-invoke',
      http: { method: 'POST', path: '/graphql', protocol: 'HTTP/1.1', sourceIp: '', userAgent: 'learning-graph-gateway' },
      requestId,
      routeKey: ROUTE,
      stage: '$default',
      time: new Date(now).toISOString(),
      timeEpoch: now,
    },
    body: JSON.stringify({ query, variables, operationName }),
    isBase64Encoded: false,
  };
}
