import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';

/**
 * A subgraph's HTTP answer (over HTTP, or as a Lambda function's API Gateway result) as every
 * transport takes it: a 5xx, or a body that is not a GraphQL response, is thrown (the resilience
 * wrapper makes it SUBGRAPH_UNAVAILABLE); any other GraphQL response, errors included, is the
 * subgraph's answer. `source` names the subgraph's URL or function in the message.
 */
export function graphQLResponseFrom(source: string, status: number, text: string): GatewayGraphQLResponse {
  if (status >= 500) throw new Error(`${source} answered HTTP ${status}`);
  const body = parseJson(text);
  if (!isGraphQLResponse(body)) throw new Error(`${source} answered HTTP ${status} without a GraphQL response`);
  return body;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isGraphQLResponse(body: unknown): body is GatewayGraphQLResponse {
  return typeof body === 'object' && body !== null && ('data' in body || Array.isArray((body as { errors?: unknown }).errors));
}
