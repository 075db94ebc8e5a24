/**
 * Warm-ups (runtime/serve/warmUp.ts, gateway/warmUp.ts): what a subgraph accepts as one and what it
 * does, and how the gateway sends them, through the real AWS SDK and a local Invoke API whose
 * functions are the subgraphs' own Lambda handlers.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Context } from 'aws-lambda';
import { seedDemo } from '../seed/demo.js';
import { DEMO } from '../seed/demoIds.js';
import { SUBGRAPH_NAMES } from '../schema/subgraphs.js';
import { users } from '../subgraphs/users/index.js';
import * as subgraphs from '../subgraphs/index.js';
import { createSubgraphLambdaHandler } from '../runtime/serve/lambda.js';
import { invocationEvent } from '../runtime/serve/invocationEvent.js';
import { warmUpEvent, type WarmUpAnswer } from '../runtime/serve/warmUp.js';
import { CONTEXT_HEADER, signContext } from '../runtime/security/signedContext.js';
import { createTelemetry } from '../runtime/observability/telemetry.js';
import { lambdaClient } from '../runtime/clients/lambda.js';
import type { SubgraphModule } from '../runtime/subgraph/contract.js';
import { loadGatewayConfig } from '../gateway/config.js';
import { loadPlanFile } from '../gateway/planning/planFile.js';
import { SubgraphWarmUps, subgraphsCalledBy, type WarmUpTarget } from '../gateway/warmUp.js';
import { startLambdaEndpoint, type LambdaEndpoint } from './support/lambdaEndpoint.js';
import { as, TEST_CONTEXT_SECRET, useTestDatabase } from './support/harness.js';

const apps = useTestDatabase({ seed: { amal: seedDemo } });
const context = { functionName: 'test', awsRequestId: randomUUID(), getRemainingTimeInMillis: () => 15_000 } as Context;
type Handler = (event: unknown, context: Context, callback: () => void) => Promise<unknown>;

describe('a subgraph function', () => {
  let handler: Handler;
  let lines: string[];
  beforeAll(async () => {
    lines = [];
    vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array) => lines.push(String(chunk)) > 0) as typeof process.stdout.write);
    handler = createSubgraphLambdaHandler(users, apps.runtime(), createTelemetry({ app: 'amal', logLevel: 'info' })) as unknown as Handler;
    await (handler as unknown as { ready: Promise<void> }).ready;
  });
  afterAll(() => vi.restoreAllMocks());

  it('answers a warm-up the gateway signed, and prepares in its init, without a request log line or metrics', async () => {
    // Lines since the handler was made: its init's own probe, then the warm-up.
    const answer = (await handler(warmUpEvent('amal', 'users', TEST_CONTEXT_SECRET), context, () => undefined)) as WarmUpAnswer;
    expect(answer).toMatchObject({ warmed: true });
    expect(lines.filter((line) => line.includes('"_aws"') || line.includes('graphql.operation'))).toEqual([]);
  });

  it.each([
    ['unsigned', { warmUp: 'not-a-context' }, 'refused: malformed'],
    ['signed with another secret', warmUpEvent('amal', 'users', 'someone-else'), 'refused: bad-signature'],
    ['for another app', warmUpEvent('thurayya', 'users', TEST_CONTEXT_SECRET), 'refused: wrong-app'],
    ['for another subgraph', warmUpEvent('amal', 'memory', TEST_CONTEXT_SECRET), 'refused: wrong-audience'],
    ['signed for a request, not a warm-up', { warmUp: signContext({ viewer: as.admin(DEMO.admin), app: 'amal', requestId: 'r' }, { audience: 'users', secret: TEST_CONTEXT_SECRET }) }, 'refused: wrong-purpose'],
  ])('refuses a warm-up %s', async (_name, event, reason) => {
    expect(await handler(event, context, () => undefined)).toEqual({ warmed: false, reason });
  });

  it("refuses a warm-up's context as a request's identity", async () => {
    const warmUpContext = warmUpEvent('amal', 'users', TEST_CONTEXT_SECRET).warmUp;
    const result = (await handler(invocationEvent({ query: `{ user(id: "${DEMO.parent}") { id } }` }, { [CONTEXT_HEADER]: warmUpContext }, randomUUID()), context, () => undefined)) as { statusCode: number; body: string };
    expect(result.statusCode).toBe(401);
    expect(result.body).not.toContain(`"id":"${DEMO.parent}"`);
  });
});

describe("the gateway's warm-ups", () => {
  let endpoint: LambdaEndpoint;
  /** Calls to a function wait while its gate is closed (a container still starting). */
  const gates = new Map<string, Promise<void>>();
  const functionName = (name: string) => `amal-${name}`;
  const targets = (names: readonly string[]): WarmUpTarget[] =>
    names.map((subgraph) => ({ subgraph, functionName: functionName(subgraph), contextSecret: TEST_CONTEXT_SECRET, client: lambdaClient(endpoint.url) }));
  const warmUps = (names: readonly string[] = SUBGRAPH_NAMES, idleMs = 0) => new SubgraphWarmUps('amal', targets(names), idleMs);

  beforeAll(async () => {
    const telemetry = createTelemetry({ app: 'amal', logLevel: 'silent' });
    endpoint = await startLambdaEndpoint(
      Object.fromEntries(
        SUBGRAPH_NAMES.map((name) => {
          const handler = createSubgraphLambdaHandler(subgraphs[name] as SubgraphModule<never>, apps.runtime(), telemetry) as unknown as Handler;
          return [functionName(name), async (event: never, lambdaContext: Context) => {
            await gates.get(name);
            return handler(event, lambdaContext, () => undefined);
          }];
        }),
      ) as never,
    );
  });
  afterAll(() => endpoint.close());

  it('go to every subgraph function the shipped plans call, over the lambda transport only', () => {
    const plans = loadPlanFile();
    expect([...subgraphsCalledBy(plans)].sort()).toEqual([...SUBGRAPH_NAMES].sort());
    const functions = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`SUBGRAPH_FUNCTION_${name.toUpperCase()}`, functionName(name)]));
    expect(SubgraphWarmUps.fromConfig(loadGatewayConfig({ SUBGRAPH_TRANSPORT: 'lambda', ...functions }), plans).functionNames.sort()).toEqual(SUBGRAPH_NAMES.map(functionName).sort());
    expect(SubgraphWarmUps.fromConfig(loadGatewayConfig({ SUBGRAPH_TRANSPORT: 'local' }), plans).functionNames).toEqual([]);
    // A subgraph no plan calls is not woken.
    expect(SubgraphWarmUps.fromConfig(loadGatewayConfig({ SUBGRAPH_TRANSPORT: 'lambda', ...functions }), { plans: {} }).functionNames).toEqual([]);
  });

  it('invoke each function once, all at once, and are on the wire before any answers', async () => {
    const before = SUBGRAPH_NAMES.map((name) => endpoint.invocations(functionName(name)));
    let release!: () => void;
    const closed = new Promise<void>((resolve) => (release = resolve));
    for (const name of SUBGRAPH_NAMES) gates.set(name, closed);
    const sending = warmUps().start();
    await sending.written;
    // Every invocation has reached the Invoke API while none has been answered.
    await vi.waitFor(() => expect(SUBGRAPH_NAMES.map((name) => endpoint.invocations(functionName(name)))).toEqual(before.map((n) => n + 1)));
    gates.clear();
    release();
    const reports = await sending.answered;
    expect(reports.map(({ subgraph }) => subgraph).sort()).toEqual([...SUBGRAPH_NAMES].sort());
    for (const { answers } of reports) expect(answers).toEqual([{ warmed: true, ms: expect.any(Number) }]);
  });

  it('make a call to a function wait for its warm-up in flight, not start another container', async () => {
    let release!: () => void;
    gates.set('users', new Promise<void>((resolve) => (release = resolve)));
    const sent = warmUps(['users']);
    const answered = sent.send();
    let waited = false;
    const pending = sent.pending(functionName('users'))!.then(() => (waited = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(waited).toBe(false);
    gates.delete('users');
    release();
    await pending;
    expect((await answered)[0]!.answers[0]).toMatchObject({ warmed: true });
    expect(sent.pending(functionName('users'))).toBeUndefined();
  });

  it('on the warmer’s event, send the concurrency asked for to each function, bounded', async () => {
    const before = endpoint.invocations(functionName('memory'));
    const reports = await warmUps(['memory']).warm({ warmSubgraphs: { concurrency: 3 } });
    expect(reports[0]!.answers).toHaveLength(3);
    expect(reports[0]!.answers.every((answer) => answer.warmed)).toBe(true);
    expect(endpoint.invocations(functionName('memory'))).toBe(before + 3);
    const bounded = await warmUps(['memory']).warm({ warmSubgraphs: { concurrency: 10_000 } });
    expect(bounded[0]!.answers.length).toBeLessThanOrEqual(20);
    expect((await warmUps(['memory']).warm({ warmSubgraphs: { concurrency: -4 } }))[0]!.answers).toHaveLength(1);
  });

  it('after a quiet spell, warm every idle function when a request calls the first', async () => {
    const sent = warmUps(['users', 'memory', 'curriculum'], 500);
    await sent.send();
    const before = ['users', 'memory', 'curriculum'].map((name) => endpoint.invocations(functionName(name)));
    expect(sent.pending(functionName('users'))).toBeUndefined(); // invoked just now: not idle
    await new Promise((resolve) => setTimeout(resolve, 600));
    await sent.pending(functionName('users'));
    // All three were idle past 500 ms: each got a warm-up at the first call's start.
    expect(['users', 'memory', 'curriculum'].map((name) => endpoint.invocations(functionName(name)))).toEqual(before.map((n) => n + 1));
  });

  it('report a function that fails or is unknown, never throw', async () => {
    endpoint.inject(functionName('analytics'), 'crash');
    const unknown: WarmUpTarget = { subgraph: 'ghost', functionName: 'amal-ghost', contextSecret: TEST_CONTEXT_SECRET, client: lambdaClient(endpoint.url) };
    const warnings: unknown[] = [];
    const sent = new SubgraphWarmUps('amal', [...targets(['analytics']), unknown]);
    const reports = await sent.send();
    expect(reports.map(({ answers }) => answers[0]!.warmed)).toEqual([false, false]);
    // Answered before a logger was given (the init's warm-ups leave first): told when one is.
    sent.logTo({ warn: (event, fields) => warnings.push({ event, ...fields }) });
    expect(warnings).toEqual([expect.objectContaining({ event: 'gateway.warm_up_failed', subgraph: 'analytics' }), expect.objectContaining({ event: 'gateway.warm_up_failed', subgraph: 'ghost' })]);
  });
});
