import { describe, expect, it } from 'vitest';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { createLogger } from '../../runtime/observability/logger.js';
import type { GatewayContext } from '../context.js';
import type { SubgraphDataSource } from '../datasources/types.js';
import { ResilientDataSource, type ResilienceOptions } from './ResilientDataSource.js';

/** A transport whose every call runs `behaviour`; it records the calls and the signals it was given. */
function transport(behaviour: (call: number, signal: AbortSignal) => Promise<GatewayGraphQLResponse>) {
  const signals: AbortSignal[] = [];
  const source: SubgraphDataSource = {
    process: (_options, signal) => {
      signals.push(signal!);
      return behaviour(signals.length, signal!);
    },
  };
  return { source, signals, get calls() { return signals.length; } };
}

const refused = () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
const never = () => new Promise<GatewayGraphQLResponse>(() => {});
const answer = (): Promise<GatewayGraphQLResponse> => Promise.resolve({ data: { lesson: { title: 'ok' } } });

function call(source: ResilientDataSource, query: string, deadline = Date.now() + 60_000) {
  const context: GatewayContext = { identity: { viewer: { kind: 'anonymous' }, app: 'amal', requestId: 'r1' }, deadline };
  return source.process({ kind: 'incoming operation', request: { query }, context, incomingRequestContext: {} } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>);
}

const resilient = (source: SubgraphDataSource, options: Partial<ResilienceOptions> = {}) =>
  new ResilientDataSource('curriculum', source, { timeoutMs: 2_000, retryJitterMs: 5, circuitFailures: 100, ...options }, createLogger('silent'));

const codes = (response: GatewayGraphQLResponse) => response.errors?.map((error) => error.extensions?.code);

describe('a resilient data source', () => {
  it('aborts a call at the request deadline when it comes before the subgraph timeout', async () => {
    const slow = transport(never);
    const response = await call(resilient(slow.source, { timeoutMs: 60_000 }), '{ lesson(id: "1") { title } }', Date.now() + 50);
    expect(codes(response)).toEqual(['SUBGRAPH_TIMEOUT']);
    expect(slow.signals[0]!.aborted).toBe(true);
  });

  it('puts one error per root field, with the subgraph name, where the data is missing', async () => {
    const response = await call(resilient(transport(refused).source), '{ lesson(id: "1") { title } first: lessons { edges { cursor } } }');
    expect(response.errors?.map((error) => [error.path, error.extensions])).toEqual([
      [['lesson'], { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'curriculum' }],
      [['first'], { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'curriculum' }],
    ]);
  });

  it('puts an entity fetch’s error at the entities’ place (the gateway prefixes their path)', async () => {
    const response = await call(resilient(transport(refused).source), 'query($representations:[_Any!]!){ _entities(representations:$representations){ ... on Concept { name } } }');
    expect(response.errors?.[0]?.path).toEqual([]);
  });

  it('retries a query that failed fast exactly once, then answers', async () => {
    const flaky = transport((n) => (n === 1 ? refused() : answer()));
    const response = await call(resilient(flaky.source), '{ lesson(id: "1") { title } }');
    expect(response).toEqual({ data: { lesson: { title: 'ok' } } });
    expect(flaky.calls).toBe(2);
  });

  it('gives up after one retry', async () => {
    const down = transport(refused);
    expect(codes(await call(resilient(down.source), '{ lesson(id: "1") { title } }'))).toEqual(['SUBGRAPH_UNAVAILABLE']);
    expect(down.calls).toBe(2);
  });

  it('never retries a mutation', async () => {
    const down = transport(refused);
    expect(codes(await call(resilient(down.source), 'mutation { submitAnswer { duplicate } }'))).toEqual(['SUBGRAPH_UNAVAILABLE']);
    expect(down.calls).toBe(1);
  });

  it('does not retry a timeout', async () => {
    const slow = transport(never);
    expect(codes(await call(resilient(slow.source, { timeoutMs: 30 }), '{ lesson(id: "1") { title } }'))).toEqual(['SUBGRAPH_TIMEOUT']);
    expect(slow.calls).toBe(1);
  });

  it('does not retry when retries are off', async () => {
    const down = transport(refused);
    await call(resilient(down.source, { retries: 0 }), '{ lesson(id: "1") { title } }');
    expect(down.calls).toBe(1);
  });

  it('opens the circuit after consecutive failures and stops calling the subgraph', async () => {
    const down = transport(refused);
    const source = resilient(down.source, { circuitFailures: 3, circuitOpenMs: 60_000, retries: 0 });
    for (let i = 0; i < 3; i++) await call(source, '{ lesson(id: "1") { title } }');
    const response = await call(source, '{ lesson(id: "1") { title } }');
    expect(codes(response)).toEqual(['SUBGRAPH_UNAVAILABLE']);
    expect(down.calls).toBe(3);
  });

  it('closes the circuit again when a probe succeeds', async () => {
    let healthy = false;
    const flapping = transport(() => (healthy ? answer() : refused()));
    const source = resilient(flapping.source, { circuitFailures: 2, circuitOpenMs: 20, retries: 0 });
    for (let i = 0; i < 2; i++) await call(source, '{ lesson(id: "1") { title } }');
    healthy = true;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(codes(await call(source, '{ lesson(id: "1") { title } }'))).toBeUndefined();
    expect(codes(await call(source, '{ lesson(id: "1") { title } }'))).toBeUndefined();
  });

  it('counts a subgraph that answers with GraphQL errors as healthy', async () => {
    const forbidding = transport(() => Promise.resolve({ errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }] } as GatewayGraphQLResponse));
    const source = resilient(forbidding.source, { circuitFailures: 1 });
    await call(source, '{ lesson(id: "1") { title } }');
    await call(source, '{ lesson(id: "1") { title } }');
    expect(forbidding.calls).toBe(2);
  });
});
