/**
 * The Lambda transport's wire format: a subgraph call travels as the API Gateway v2 (HTTP API) event
 * the subgraph's handler already serves (runtime/serve/invocationEvent.ts), and the handler's result
 * comes back as the function's payload. Anything else in the payload is thrown, never passed on.
 */
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { graphQLResponseFrom, parseJson } from './subgraphAnswer.js';

/** What a function answered: its handler's result as a GraphQL response, or a thrown description of what went wrong. */
export function graphQLResponseOf(functionName: string, output: { FunctionError?: string; Payload?: Uint8Array }): GatewayGraphQLResponse {
  const payload = output.Payload ? Buffer.from(output.Payload).toString('utf8') : '';
  if (output.FunctionError) throw new Error(`${functionName} failed (${output.FunctionError}): ${functionErrorOf(payload)}`);
  const result = parseJson(payload) as { statusCode?: unknown; body?: unknown; isBase64Encoded?: unknown } | undefined;
  if (typeof result?.statusCode !== 'number' || typeof result.body !== 'string') {
    throw new Error(`${functionName} answered a payload that is not an API Gateway result: ${payload.slice(0, 100)}`);
  }
  return graphQLResponseFrom(functionName, result.statusCode, result.isBase64Encoded === true ? Buffer.from(result.body, 'base64').toString('utf8') : result.body);
}

/** Lambda's error payload, `{ errorType, errorMessage, trace }`, in one line. */
function functionErrorOf(payload: string): string {
  const error = parseJson(payload) as { errorType?: unknown; errorMessage?: unknown } | undefined;
  return `${String(error?.errorType ?? 'Error')}: ${String(error?.errorMessage ?? payload)}`.slice(0, 300);
}
