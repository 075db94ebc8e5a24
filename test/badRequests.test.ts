/**
 * Requests that fail before execution, through both fronts (node:http and the gateway Lambda), each
 * in production with the safelist and in development, with every plugin installed and the response
 * cache on: each gets a 4xx and one specific code, no data and no stack, never a 5xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { loadManifest } from '../gateway/manifest.js';
import { DEMO } from '../seed/demoIds.js';
import { as, useTestDatabase } from './support/harness.js';
import { useGateway, type TestGateway } from './support/gateway.js';
import { gatewayLambda, type GatewayLambda } from './support/gatewayLambda.js';
import { lambdaContext, v2Event } from './support/apiGatewayEvents.js';

const apps = useTestDatabase();
const student = as.student(DEMO.children[0]);

interface BadRequest {
  method: 'GET' | 'POST';
  body?: string;
  query?: Record<string, string>;
  headers: Record<string, string>;
}

interface Answer {
  status: number;
  text: string;
  errors: { message: string; extensions?: { code?: unknown } }[];
  data: unknown;
}

interface Front {
  name: string;
  safelist: boolean;
  /** Sends the request as the student. */
  send(request: BadRequest): Promise<Answer>;
}

const answer = (status: number, text: string): Answer => {
  let body: Partial<Pick<Answer, 'errors' | 'data'>> = {};
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: the assertions on `errors` show the text.
  }
  return { status, text, errors: body.errors ?? [{ message: text }], data: body.data };
};

function httpFront(name: string, gateway: TestGateway, safelist: boolean): Front {
  return {
    name,
    safelist,
    async send({ method, body, query, headers }) {
      const url = new URL(gateway.url);
      for (const [key, value] of Object.entries(query ?? {})) url.searchParams.set(key, value);
      const response = await fetch(url, { method, body, headers: { ...headers, authorization: `Bearer ${await gateway.token(student)}` } });
      return answer(response.status, await response.text());
    },
  };
}

/** The gateway's Lambda module as a cold start builds it (test/support/gatewayLambda.ts), in production or development. */
function lambdaFront(name: string, production: boolean): Front & Pick<GatewayLambda, 'start' | 'stop'> {
  const lambda = gatewayLambda(apps, { production });
  return {
    name,
    safelist: production,
    start: () => lambda.start(),
    stop: () => lambda.stop(),
    async send({ method, body, query, headers }) {
      const event = v2Event({ method, body, query, headers: { ...headers, authorization: `Bearer ${await lambda.token(student)}` } });
      const result = (await lambda.handler()(event, lambdaContext, () => undefined)) as APIGatewayProxyStructuredResultV2;
      return answer(result.statusCode ?? 200, result.body ?? '');
    },
  };
}

const lambdaFronts = [lambdaFront('the Lambda in production (safelist on)', true), lambdaFront('the Lambda in development', false)];
beforeAll(async () => {
  for (const front of lambdaFronts) await front.start();
});
afterAll(async () => {
  for (const front of lambdaFronts) await front.stop();
});

const FRONTS: Front[] = [
  httpFront('HTTP in production (safelist on)', useGateway(apps, { production: true, safelist: true }), true),
  httpFront('HTTP in development', useGateway(apps), false),
  ...lambdaFronts,
];

const json = { 'content-type': 'application/json' };
const post = (body: unknown): BadRequest => ({ method: 'POST', headers: json, body: typeof body === 'string' ? body : JSON.stringify(body) });
const get = (query: Record<string, string>): BadRequest => ({ method: 'GET', headers: { 'apollo-require-preflight': 'true' }, query });
const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');
/** A document of the manifest, so that the safelist lets it through to the stage after it. */
const safelisted = (name: string) => {
  const operation = loadManifest().operations.find((candidate) => candidate.name === name);
  if (!operation) throw new Error(`operations/manifest.json has no operation ${name}`);
  return operation.body;
};

interface Stage {
  name: string;
  request: BadRequest;
  status: number;
  code: string;
  /** Refused only where the safelist is on (elsewhere the request runs). */
  safelistOnly?: boolean;
}

const STAGES: Stage[] = [
  { name: 'no query', request: post({ variables: {} }), status: 400, code: 'BAD_REQUEST' },
  { name: 'an empty body', request: { method: 'POST', headers: json }, status: 400, code: 'BAD_REQUEST' },
  { name: 'a GET without a query', request: get({}), status: 400, code: 'BAD_REQUEST' },
  { name: 'a syntax error', request: post({ query: '{ me { id }' }), status: 400, code: 'GRAPHQL_PARSE_FAILED' },
  { name: 'a validation error', request: post({ query: '{ me { nickname } }' }), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'an unknown operation name', request: post({ query: 'query A { __typename }', operationName: 'B' }), status: 400, code: 'OPERATION_RESOLUTION_FAILURE' },
  { name: 'an unknown operation name of a safelisted document', request: post({ query: safelisted('StudentHome'), operationName: 'B' }), status: 400, code: 'OPERATION_RESOLUTION_FAILURE' },
  { name: 'two anonymous operations', request: post({ query: '{ a: __typename } { b: __typename }' }), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'several operations and no operation name', request: post({ query: 'query A { __typename } query B { __typename }' }), status: 400, code: 'OPERATION_RESOLUTION_FAILURE' },
  { name: 'a variable of the wrong type', request: post({ query: safelisted('NextSession'), variables: { size: 'five' } }), status: 400, code: 'BAD_USER_INPUT' },
  { name: 'a missing required variable', request: post({ query: safelisted('LessonPage'), variables: {} }), status: 400, code: 'BAD_USER_INPUT' },
  // Not Apollo Server's 200: Apollo Client 4's link resends the text on this code whatever the status.
  { name: 'an unknown persisted-query hash', request: post({ extensions: { persistedQuery: { version: 1, sha256Hash: hashOf('{ never { registered } }') } } }), status: 400, code: 'PERSISTED_QUERY_NOT_FOUND' },
  { name: 'an unknown persisted-query hash over GET', request: get({ extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hashOf('{ never { registered } }') } }) }), status: 400, code: 'PERSISTED_QUERY_NOT_FOUND' },
  { name: 'a persisted-query hash that is not the query’s', request: post({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: hashOf('{ me { id } }') } } }), status: 400, code: 'BAD_REQUEST' },
  { name: 'an unsupported persisted-query version', request: post({ query: '{ __typename }', extensions: { persistedQuery: { version: 2, sha256Hash: hashOf('{ __typename }') } } }), status: 400, code: 'BAD_REQUEST' },
  { name: 'a document outside the safelist', request: post({ query: '{ me { id displayName } }' }), status: 403, code: 'FORBIDDEN', safelistOnly: true },
  { name: 'depth over the limit', request: post({ query: `{ me { ${'children { '.repeat(12)}id${' }'.repeat(12)} } }` }), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'aliases over the limit', request: post({ query: `{ ${Array.from({ length: 50 }, (_, i) => `a${i}: me { id }`).join(' ')} }` }), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'directives over the limit', request: post({ query: `{ __typename ${'@include(if: true) '.repeat(50)} }` }), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'cost over the limit', request: post({ query: `{ lessons(first: 100) { edges { node { title ${'concepts { id name } '.repeat(60)} } } } }` }), status: 400, code: 'COST_LIMIT' },
  { name: 'tokens over the limit', request: post({ query: `{ ${'__typename '.repeat(3_000)} }` }), status: 400, code: 'GRAPHQL_PARSE_FAILED' },
  { name: 'a body over the size limit', request: post({ query: '{ __typename }', variables: { padding: 'x'.repeat(300 * 1024) } }), status: 413, code: 'BAD_USER_INPUT' },
  { name: 'a mutation sent as GET', request: get({ query: safelisted('SubmitAnswer') }), status: 405, code: 'BAD_REQUEST' },
  { name: 'malformed JSON', request: post('{"query": "{ __typename }"'), status: 400, code: 'BAD_USER_INPUT' },
  // Each was a 500: a stack overflow building the response cache key, a hash joined into Apollo's APQ key.
  { name: 'an unused variable nested 5,000 deep', request: post(`{"query":${JSON.stringify(safelisted('StudentHome'))},"variables":{"unused":${'['.repeat(5_000)}${']'.repeat(5_000)}}}`), status: 400, code: 'BAD_USER_INPUT' },
  { name: 'variables nested 1,500 deep over GET', request: get({ query: safelisted('StudentHome'), variables: `{"a":${'['.repeat(1_500)}${']'.repeat(1_500)}}` }), status: 400, code: 'BAD_USER_INPUT' },
  { name: 'a persisted-query hash that is an object', request: post({ extensions: { persistedQuery: { version: 1, sha256Hash: { toString: {} } } } }), status: 400, code: 'BAD_USER_INPUT' },
];

describe.each(FRONTS)('a bad request to $name', (front) => {
  it.each(STAGES.filter((stage) => front.safelist || !stage.safelistOnly))('$name: $status $code', async (stage) => {
    const { status, errors, data, text } = await front.send(stage.request);

    expect(status).toBe(stage.status);
    expect(new Set(errors.map((error) => error.extensions?.code))).toEqual(new Set([stage.code]));
    expect(data ?? null).toBeNull();
    expect(text).not.toMatch(/stacktrace|\bat [\w.<>]+ \(|\.[jt]s:\d+/);
  });
});
