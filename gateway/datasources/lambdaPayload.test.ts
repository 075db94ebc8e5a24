import { describe, expect, it } from 'vitest';
import { invocationEvent } from '../../runtime/serve/invocationEvent.js';
import { graphQLResponseOf } from './lambdaPayload.js';

const payload = (value: unknown) => ({ Payload: new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value)) });
const result = (body: unknown, extra: object = {}) => payload({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), ...extra });

describe('invocationEvent', () => {
  it('is the API Gateway v2 POST of the request to /graphql, with its headers and request id', () => {
    const event = invocationEvent({ query: '{ me { id } }', variables: { a: 1 }, operationName: 'Me' }, { 'x-learning-context': 'signed' }, 'req-1');
    expect(event).toMatchObject({
      version: '2.0',
      rawPath: '/graphql',
      headers: { 'content-type': 'application/json', 'x-learning-context': 'signed' },
      requestContext: { requestId: 'req-1', http: { method: 'POST', path: '/graphql' } },
      isBase64Encoded: false,
    });
    expect(JSON.parse(event.body!)).toEqual({ query: '{ me { id } }', variables: { a: 1 }, operationName: 'Me' });
  });
});

describe('graphQLResponseOf', () => {
  it('returns the GraphQL response in the handler’s result', () => {
    expect(graphQLResponseOf('fn', result({ data: { me: { id: '1' } } }))).toEqual({ data: { me: { id: '1' } } });
  });

  it('decodes a base64-encoded body', () => {
    const body = Buffer.from(JSON.stringify({ data: { ok: true } })).toString('base64');
    expect(graphQLResponseOf('fn', payload({ statusCode: 200, body, isBase64Encoded: true }))).toEqual({ data: { ok: true } });
  });

  it('keeps a refusal the subgraph answered as GraphQL errors', () => {
    const refusal = { errors: [{ message: 'This subgraph only answers calls signed by the gateway', extensions: { code: 'UNAUTHENTICATED' } }] };
    expect(graphQLResponseOf('fn', payload({ statusCode: 401, body: JSON.stringify(refusal) }))).toEqual(refusal);
  });

  it.each([
    { name: 'a function error', output: { FunctionError: 'Unhandled', ...payload({ errorType: 'TypeError', errorMessage: 'x is undefined' }) }, message: 'fn failed (Unhandled): TypeError: x is undefined' },
    { name: 'a payload that is not JSON', output: payload('<html>'), message: 'fn answered a payload that is not an API Gateway result' },
    { name: 'a payload without a body', output: payload({ statusCode: 200 }), message: 'fn answered a payload that is not an API Gateway result' },
    { name: 'a 5xx', output: payload({ statusCode: 502, body: '{}' }), message: 'fn answered HTTP 502' },
    { name: 'a body that is no GraphQL response', output: result({ hello: 'world' }), message: 'fn answered HTTP 200 without a GraphQL response' },
  ])('throws on $name', ({ output, message }) => {
    expect(() => graphQLResponseOf('fn', output)).toThrow(message);
  });
});
