/**
 * Lambda Managed Instances run several invocations at once in one process. The gateway's handler
 * (API Gateway v2 events, `lambda` transport) and the subgraphs' handlers (behind the local Invoke
 * API, and one invoked directly) serve a parent, two students and a teacher in interleaved,
 * overlapping rounds, as the Lambda runtime runs them there: `AWS_LAMBDA_MAX_CONCURRENCY` set and
 * each invocation inside the runtime's `InvokeStore` scope. No answer, signed context, log line or
 * metric of one invocation may carry another's viewer or request id.
 *
 * The same rounds run again with no `InvokeStore` scope around the invocations, so that Powertools
 * keeps one state for all of them: the isolation must hold on the project's own scopes
 * (AsyncLocalStorage in runtime/observability/telemetry.ts and the request's own objects), not on the runtime's.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { InvokeStore, InvokeStoreBase } from '@aws/lambda-invoke-store';
import { seedDemo } from '../seed/demo.js';
import { DEMO } from '../seed/demoIds.js';
import { loadDevIssuer } from '../gateway/auth/devIssuer.js';
import { CONTEXT_HEADER, signContext, verifyContext, type Viewer } from '../runtime/security/signedContext.js';
import { SUBGRAPH_NAMES } from '../schema/subgraphs.js';
import { as, REDIS_URL, TEST_CONTEXT_SECRET, useTestDatabase } from './support/harness.js';
import { v2Event } from './support/apiGatewayEvents.js';
import { startLambdaEndpoint, type LambdaEndpoint } from './support/lambdaEndpoint.js';

type V2Handler = (event: APIGatewayProxyEventV2, context: Context, callback: () => void) => Promise<APIGatewayProxyStructuredResultV2>;
type Line = Record<string, any>;

/** One invocation of a function in this process: what it was for and what it wrote. */
interface Invocation {
  functionName: string;
  awsRequestId: string;
  /** The request id it serves: the API Gateway request's, or (subgraphs) the one in the signed context. */
  requestId: string;
  viewer: Viewer;
  lines: Line[];
  /** Subgraph functions: the request id the event's `requestContext` and `x-request-id` name. */
  eventRequestIds?: [string | undefined, string | undefined];
  /** Viewers of the other invocations in flight while this one ran. */
  alongside?: Set<string>;
}

const apps = useTestDatabase({ seed: { amal: seedDemo } });
const keyFile = join(mkdtempSync(join(tmpdir(), 'lg-concurrent-')), 'issuer.json');
const handlers: Record<string, V2Handler> = {};
const tokens = new Map<string, string>();
let endpoint: LambdaEndpoint;

/** The invocation whose code is running, so each line written is attributed to the invocation that wrote it. */
const running = new AsyncLocalStorage<Invocation>();
const invocations: Invocation[] = [];
/** The viewer of every gateway request, by request id. */
const gatewayViewers = new Map<string, Viewer>();
const strayLines: Line[] = [];
const inFlight = { max: 0, running: new Set<Invocation>() };

/**
 * What scopes each invocation: the Lambda runtime's InvokeStore, as on a Managed Instance (Powertools
 * then keeps its state per invocation), or nothing but the project's own code.
 */
type Scoping = 'runtime' | 'none';
let scoping: Scoping = 'runtime';

/** Runs `handler` as the Lambda runtime runs an invocation on a Managed Instance: in its own InvokeStore scope, unless `scoping` is 'none'. */
async function asTheRuntime<T>(invocation: Invocation, run: () => Promise<T>): Promise<T> {
  const store = scoping === 'runtime' ? await InvokeStore.getInstanceAsync() : undefined;
  invocations.push(invocation);
  invocation.alongside = new Set();
  for (const other of inFlight.running) {
    other.alongside!.add(viewerKey(invocation.viewer));
    invocation.alongside.add(viewerKey(other.viewer));
  }
  inFlight.running.add(invocation);
  inFlight.max = Math.max(inFlight.max, inFlight.running.size);
  try {
    const inInvocation = () => running.run(invocation, run);
    return await (store ? store.run({ [InvokeStoreBase.PROTECTED_KEYS.REQUEST_ID]: invocation.awsRequestId }, inInvocation) : inInvocation());
  } finally {
    inFlight.running.delete(invocation);
  }
}

function lambdaContextFor(functionName: string, awsRequestId = randomUUID()): Context {
  return { functionName, functionVersion: '$LATEST', awsRequestId, invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`, memoryLimitInMB: '1024', logGroupName: `/aws/lambda/${functionName}`, logStreamName: 'local', callbackWaitsForEmptyEventLoop: false, getRemainingTimeInMillis: () => 15_000 } as Context;
}

/** A subgraph function behind the Invoke API: its identity is the one the gateway signed. */
const subgraphFunction = (name: string) => async (event: APIGatewayProxyEventV2, context: Context) => {
  const header = event.headers[CONTEXT_HEADER];
  const verified = verifyContext(header, { secrets: [TEST_CONTEXT_SECRET], app: 'amal', audience: name });
  if (!verified.ok) {
    // A cold gateway warms its subgraph functions with a context signed for that purpose (and that subgraph) only.
    if (!verifyContext(header, { secrets: [TEST_CONTEXT_SECRET], app: 'amal', audience: name, purpose: 'warm-up' }).ok) throw new Error(`${name} was invoked without a valid signed context`);
    return handlers[name]!(event, context, () => undefined);
  }
  const { requestId, viewer } = verified.identity;
  const eventRequestIds: Invocation['eventRequestIds'] = [event.requestContext.requestId, event.headers['x-request-id']];
  const invocation = { functionName: context.functionName, awsRequestId: context.awsRequestId, requestId, viewer, lines: [], eventRequestIds };
  return asTheRuntime(invocation, () => handlers[name]!(event, context, () => undefined));
};

interface Call {
  name: string;
  viewer: Viewer;
  /** Through the gateway (an operation of the apps), or straight to a subgraph's function. */
  via: 'gateway' | (typeof SUBGRAPH_NAMES)[number];
  query: string;
  variables?: Record<string, unknown>;
}

const operation = (path: string) => readFileSync(new URL(`../operations/${path}.graphql`, import.meta.url), 'utf8');
const parent = as.parent(DEMO.parent);
const [first, second] = DEMO.children.map((id) => as.student(id)) as [Viewer, Viewer];
const teacher = as.teacher(DEMO.teacher);

const CALLS: Call[] = [
  { name: 'parent MyChildren', viewer: parent, via: 'gateway', query: operation('parent/MyChildren') },
  ...[first, second].flatMap((student, i): Call[] => [
    { name: `student ${i + 1} LessonPage`, viewer: student, via: 'gateway', query: operation('student/LessonPage'), variables: { id: String(DEMO.lessons[i]) } },
    { name: `student ${i + 1} NextSession`, viewer: student, via: 'gateway', query: operation('student/NextSession'), variables: { size: 5 } },
    { name: `student ${i + 1} StudentHome`, viewer: student, via: 'gateway', query: operation('student/StudentHome') },
    { name: `student ${i + 1} memory directly`, viewer: student, via: 'memory', query: '{ nextSession(size: 3) { id } }' },
  ]),
  { name: 'teacher ClassroomDashboard', viewer: teacher, via: 'gateway', query: operation('teacher/ClassroomDashboard'), variables: { id: String(DEMO.classroom) } },
  { name: 'teacher MyClassrooms', viewer: teacher, via: 'gateway', query: operation('teacher/MyClassrooms') },
  { name: 'teacher users directly', viewer: teacher, via: 'users', query: '{ me { id role } myClassrooms { id students { id } } }' },
  { name: 'parent users directly', viewer: parent, via: 'users', query: '{ me { id role children { id displayName } } }' },
];

const viewerKey = (viewer: Viewer) => (viewer.kind === 'user' ? `${viewer.role}:${viewer.userId}` : 'anonymous');

/** Sends `call` as its own invocation; resolves to the answer's status and body. */
async function send(call: Call): Promise<{ status: number; body: any }> {
  const requestId = randomUUID();
  const json = { 'content-type': 'application/json' };
  const body = JSON.stringify({ query: call.query, variables: call.variables });
  let event: APIGatewayProxyEventV2;
  if (call.via === 'gateway') {
    event = v2Event({ method: 'POST', headers: { ...json, authorization: `Bearer ${tokens.get(viewerKey(call.viewer))}` }, body });
    event.requestContext.requestId = requestId;
    gatewayViewers.set(requestId, call.viewer);
  } else {
    event = v2Event({ method: 'POST', headers: { ...json, 'x-request-id': requestId, [CONTEXT_HEADER]: signContext({ viewer: call.viewer, app: 'amal', requestId }, { audience: call.via, secret: TEST_CONTEXT_SECRET }) }, body });
    event.requestContext.requestId = requestId;
  }
  const functionName = call.via === 'gateway' ? 'amal-gateway' : `amal-${call.via}-direct`;
  const context = lambdaContextFor(functionName);
  const invocation: Invocation = { functionName, awsRequestId: context.awsRequestId, requestId, viewer: call.viewer, lines: [] };
  const result = await asTheRuntime(invocation, () => handlers[call.via]!(event, context, () => undefined));
  return { status: result.statusCode ?? 0, body: JSON.parse(result.body ?? 'null') };
}

/** Everything the handlers write goes through here: each JSON line is filed under the invocation that wrote it. */
function captureLines(): () => void {
  const capture = ((chunk: string | Uint8Array) => {
    const owner = running.getStore();
    for (const text of String(chunk).split('\n')) {
      if (!text.trim().startsWith('{')) continue;
      const line = JSON.parse(text) as Line;
      (owner ? owner.lines : strayLines).push(line);
    }
    return true;
  }) as typeof process.stdout.write;
  const spies = [vi.spyOn(process.stdout, 'write').mockImplementation(capture), vi.spyOn(process.stderr, 'write').mockImplementation(capture)];
  return () => spies.forEach((spy) => spy.mockRestore());
}

const metricNames = (line: Line): string[] => line._aws?.CloudWatchMetrics?.flatMap((set: { Metrics: { Name: string }[] }) => set.Metrics.map((metric) => metric.Name)) ?? [];
const shuffled = <T>(items: readonly T[]): T[] => items.map((item) => [Math.random(), item] as const).sort(([a], [b]) => a - b).map(([, item]) => item);

let releaseOutput: () => void = () => undefined;
const references = new Map<string, unknown>();

beforeAll(async () => {
  // As the Lambda runtime does on a Managed Instance before it loads the handler: concurrency on,
  // an InvokeStore backed by AsyncLocalStorage.
  await InvokeStore.getInstanceAsync(true);
  endpoint = await startLambdaEndpoint(Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`amal-${name}`, subgraphFunction(name)])) as never);
  Object.assign(process.env, {
    AWS_LAMBDA_MAX_CONCURRENCY: '16',
    APP_NAME: 'amal',
    DATABASE_URL: apps.url,
    REDIS_URL,
    REDIS_KEY_PREFIX: `test:${randomUUID().slice(0, 8)}:`,
    CONTEXT_SECRETS: TEST_CONTEXT_SECRET,
    DEV_ISSUER_KEY_FILE: keyFile,
    LOG_LEVEL: 'info',
    // Every answer is built by its plan, never served whole from the response cache.
    RESPONSE_CACHE_TTL_SECONDS: '0',
    RATE_LIMITS: 'off',
    SUBGRAPH_TRANSPORT: 'lambda',
    ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`SUBGRAPH_FUNCTION_${name.toUpperCase()}`, `amal-${name}`])),
    AWS_ENDPOINT_URL_LAMBDA: endpoint.url,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
  releaseOutput = captureLines();
  const modules = {
    users: import('../subgraphs/users/handler.js'),
    curriculum: import('../subgraphs/curriculum/handler.js'),
    memory: import('../subgraphs/memory/handler.js'),
    analytics: import('../subgraphs/analytics/handler.js'),
    datarights: import('../subgraphs/datarights/handler.js'),
    gateway: import('../gateway/handler.js'),
  };
  for (const [name, module] of Object.entries(modules)) handlers[name] = (await module).handler as V2Handler;
  const { config } = await import('../runtime/serve/coldStart.js');
  const issuer = await loadDevIssuer(keyFile, config.auth.issuer, config.auth.audience);
  for (const viewer of [parent, first, second, teacher]) {
    if (viewer.kind === 'user') tokens.set(viewerKey(viewer), (await issuer.mint({ userId: viewer.userId, role: viewer.role }))!);
  }
}, 60_000);

afterAll(async () => {
  releaseOutput();
  await endpoint?.close();
  const { runtime } = await import('../runtime/serve/coldStart.js');
  await runtime.close();
  delete process.env.AWS_LAMBDA_MAX_CONCURRENCY;
});

describe.each([
  { scoping: 'runtime', as: 'each inside the Lambda runtime’s InvokeStore scope' },
  { scoping: 'none', as: 'with no runtime scope, Powertools’ state shared by all of them' },
] satisfies { scoping: Scoping; as: string }[])('handlers serving many invocations at once in one process, $as', (mode) => {
  beforeAll(() => {
    scoping = mode.scoping;
    invocations.length = 0;
    strayLines.length = 0;
    inFlight.max = 0;
    references.clear();
  });

  it('answer each viewer alone as a reference', async () => {
    for (const call of CALLS) {
      const answer = await send(call);
      expect(answer.status, call.name).toBe(200);
      expect(answer.body.errors, call.name).toBeUndefined();
      expect(answer.body.data, call.name).toBeTruthy();
      references.set(call.name, answer.body);
    }
    // The answers differ by viewer, so a mixed-up viewer would show.
    expect(references.get('student 1 StudentHome')).not.toEqual(references.get('student 2 StudentHome'));
    expect(references.get('student 1 NextSession')).not.toEqual(references.get('student 2 NextSession'));
  }, 60_000);

  it('give every viewer its own answer when their requests overlap', async () => {
    invocations.length = 0;
    const ROUNDS = 8;
    for (let round = 0; round < ROUNDS; round++) {
      const calls = shuffled([...CALLS, ...CALLS, ...CALLS]);
      const answers = await Promise.all(calls.map((call) => send(call)));
      answers.forEach((answer, i) => {
        expect(answer.status, calls[i]!.name).toBe(200);
        expect(answer.body, `${calls[i]!.name} (round ${round})`).toEqual(references.get(calls[i]!.name));
      });
    }
    // The invocations really ran together: gateway and subgraph functions, many at a time.
    expect(inFlight.max).toBeGreaterThan(10);
    const besideOthers = invocations.filter((invocation) => [...invocation.alongside!].some((viewer) => viewer !== viewerKey(invocation.viewer)));
    expect(besideOthers.length / invocations.length).toBeGreaterThan(0.9);
    const functions = new Set(invocations.map((invocation) => invocation.functionName));
    expect([...functions].sort()).toEqual(expect.arrayContaining(['amal-gateway', 'amal-users', 'amal-memory', 'amal-curriculum', 'amal-analytics', 'amal-users-direct', 'amal-memory-direct']));
  }, 120_000);

  it('sign each subgraph call with the viewer of the gateway request that caused it', () => {
    const called = invocations.filter((invocation) => !invocation.functionName.endsWith('-direct') && invocation.functionName !== 'amal-gateway');
    expect(called.length).toBeGreaterThan(100);
    for (const invocation of called) {
      expect(gatewayViewers.has(invocation.requestId), invocation.requestId).toBe(true);
      expect(invocation.viewer, `${invocation.functionName} for ${invocation.requestId}`).toEqual(gatewayViewers.get(invocation.requestId));
      expect(invocation.eventRequestIds).toEqual([invocation.requestId, invocation.requestId]);
    }
  });

  it('key every log line of an invocation with its own request id and invocation, never another’s', () => {
    let keyed = 0;
    for (const invocation of invocations) {
      const logLines = invocation.lines.filter((line) => line.event !== undefined && !line._aws);
      expect(logLines.length, `${invocation.functionName} wrote no line`).toBeGreaterThan(0);
      for (const line of logLines) {
        expect(line.requestId, `${invocation.functionName}: ${JSON.stringify(line)}`).toBe(invocation.requestId);
        expect(line.function_request_id, `${invocation.functionName}: ${JSON.stringify(line)}`).toBe(invocation.awsRequestId);
        expect(line.function_name).toBe(invocation.functionName);
        keyed++;
      }
    }
    expect(keyed).toBeGreaterThanOrEqual(invocations.length);
    // Lines written outside every invocation (the container's own housekeeping) name no request.
    for (const line of strayLines) expect(line.requestId, JSON.stringify(line)).toBeUndefined();
  });

  it('publish each invocation’s figures once, in a line of its own that names only its request', () => {
    for (const invocation of invocations) {
      const figures = invocation.lines.filter((line) => metricNames(line).includes('SqlStatements'));
      expect(figures, `${invocation.functionName} ${invocation.requestId}`).toHaveLength(1);
      const [line] = figures as [Line];
      expect(line.requestId).toBe(invocation.requestId);
      for (const name of ['SqlStatements', 'CacheHits', 'CacheMisses', 'GraphQLErrors']) expect(typeof line[name], `${name} of one invocation: ${JSON.stringify(line[name])}`).toBe('number');
      expect(line.GraphQLErrors).toBe(0);
      const operation = invocation.lines.find((candidate) => candidate.event === 'graphql.operation');
      expect(operation?.statements, JSON.stringify(operation)).toBe(line.SqlStatements);
      if (invocation.functionName === 'amal-gateway') {
        const latencies = invocation.lines.filter((candidate) => metricNames(candidate).includes('SubgraphLatency')).length;
        expect(latencies).toBe(Object.values(operation!.subgraphMs as Record<string, number[]>).flat().length);
      }
    }
  });
});
