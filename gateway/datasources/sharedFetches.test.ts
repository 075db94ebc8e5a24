/**
 * Sharing identical fetches in flight, at the data source: one call for callers that join it, each
 * with an answer of its own (the executor merges into the objects it is given), the call's failure
 * reaching every caller, and no copy when nobody joined.
 */
import { describe, expect, it } from 'vitest';
import { buildSchema } from 'graphql';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { sharingIdenticalFetches } from './sharedFetches.js';
import type { SubgraphDataSource } from './types.js';

const schema = buildSchema('type Query { lesson(id: ID!): Lesson } type Lesson { id: ID! title: String! }');
const QUERY = 'query($id: ID!) { lesson(id: $id) { id title } }';

/** A subgraph call that answers (or fails) when told to, counting the calls it received. */
function heldSource() {
  const calls: PromiseWithResolvers<GatewayGraphQLResponse>[] = [];
  const source: SubgraphDataSource = { process: () => { const call = Promise.withResolvers<GatewayGraphQLResponse>(); calls.push(call); return call.promise; } };
  return { source, calls };
}

const fetchOf = (userId: string) => ({
  request: { query: QUERY, variables: { id: '1' } },
  context: { identity: { viewer: { kind: 'user', userId, role: 'STUDENT' }, app: 'amal', requestId: `r-${userId}` } },
  incomingRequestContext: { schema },
}) as unknown as Parameters<SubgraphDataSource['process']>[0];

describe('Identical fetches in flight', () => {
  it('share one call, and each caller gets data of its own', async () => {
    const { source, calls } = heldSource();
    const shared = sharingIdenticalFetches(source, new Set());
    const answers = [shared.process(fetchOf('7')), shared.process(fetchOf('7')), shared.process(fetchOf('7'))];
    expect(calls).toHaveLength(1);
    const original = { data: { lesson: { id: '1', title: 'الدرس' } } };
    calls[0]!.resolve(original);
    const [first, second, third] = await Promise.all(answers);
    expect(first).toBe(original);
    expect(second!.data).toEqual(original.data);
    expect(second!.data).not.toBe(original.data);
    expect(third!.data).not.toBe(second!.data);
    (first!.data as { lesson: { title: string } }).lesson.title = 'merged by the executor';
    expect((second!.data as { lesson: { title: string } }).lesson.title).toBe('الدرس');
  });

  it('give every caller the call’s failure, and the next fetch makes a call of its own', async () => {
    const { source, calls } = heldSource();
    const shared = sharingIdenticalFetches(source, new Set());
    const answers = [shared.process(fetchOf('7')), shared.process(fetchOf('7'))];
    calls[0]!.reject(new Error('subgraph down'));
    for (const answer of answers) await expect(answer).rejects.toThrow('subgraph down');
    void shared.process(fetchOf('7'));
    expect(calls).toHaveLength(2);
  });

  it('stay apart for another viewer when a field is not @public', async () => {
    const { source, calls } = heldSource();
    const shared = sharingIdenticalFetches(source, new Set());
    void shared.process(fetchOf('7'));
    void shared.process(fetchOf('8'));
    expect(calls).toHaveLength(2);
  });
});
