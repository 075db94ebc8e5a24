import { describe, expect, it, vi } from 'vitest';
import { randomUUID } from 'node:crypto';
import { DEMO } from '../seed/demoIds.js';
import { seedDemo } from '../seed/demo.js';
import { recordCacheLookups, recordResponseCache, recordStatement, recordSubgraphCall } from '../runtime/observability/requestMetrics.js';
import { createTelemetry, type Telemetry } from '../runtime/observability/telemetry.js';
import { as, useTestDatabase } from './support/harness.js';
import { useGateway } from './support/gateway.js';
import { lambdaContext } from './support/apiGatewayEvents.js';

type Line = Record<string, any>;

/** The JSON lines written to stdout and stderr while `act` runs (kept off the terminal). */
async function linesWrittenBy(act: () => Promise<unknown>): Promise<Line[]> {
  const chunks: string[] = [];
  const capture = ((chunk: string | Uint8Array) => chunks.push(String(chunk)) > 0) as typeof process.stdout.write;
  const spies = [vi.spyOn(process.stdout, 'write').mockImplementation(capture), vi.spyOn(process.stderr, 'write').mockImplementation(capture)];
  try {
    await act();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return chunks.join('').split('\n').flatMap((text) => {
    try {
      return [JSON.parse(text) as Line];
    } catch {
      return [];
    }
  });
}

const metricNames = (line: Line): string[] => line._aws?.CloudWatchMetrics?.flatMap((set: { Metrics: { Name: string }[] }) => set.Metrics.map((metric) => metric.Name)) ?? [];

describe('the telemetry of one invocation', () => {
  it('writes the project’s log lines through Powertools, keyed by the request id and the invocation', async () => {
    const telemetry = createTelemetry({ app: 'amal', logLevel: 'info' });
    const lines = await linesWrittenBy(() =>
      telemetry.observe({ requestId: 'req-1', context: lambdaContext }, async () => telemetry.logger.child({ subgraph: 'users' }).warn('cache.slow', { ms: 12, message: 'Redis took its time' })),
    );
    expect(lines.find((line) => line.event === 'cache.slow')).toMatchObject({
      level: 'warn',
      event: 'cache.slow',
      time: expect.any(String),
      app: 'amal',
      subgraph: 'users',
      ms: 12,
      message: 'Redis took its time',
      requestId: 'req-1',
      function_name: lambdaContext.functionName,
      function_request_id: lambdaContext.awsRequestId,
    });
  });

  it('forgets the request id when the invocation ends', async () => {
    const telemetry = createTelemetry({ app: 'amal', logLevel: 'info' });
    await linesWrittenBy(() => telemetry.observe({ requestId: 'req-2', context: lambdaContext }, async () => undefined));
    const [line] = await linesWrittenBy(async () => telemetry.logger.info('between.invocations'));
    expect(line).toMatchObject({ event: 'between.invocations' });
    expect(line).not.toHaveProperty('requestId');
  });

  it('publishes the request’s figures in CloudWatch’s embedded metric format', async () => {
    const telemetry = createTelemetry({ app: 'amal', logLevel: 'info' });
    const lines = await linesWrittenBy(() =>
      telemetry.observe({ requestId: 'req-3', context: lambdaContext }, async () => {
        recordStatement();
        recordStatement();
        recordCacheLookups(3, 1);
        recordSubgraphCall('users', 12.4);
        recordSubgraphCall('users', 30);
        recordResponseCache('stored');
      }),
    );
    const request = lines.find((line) => metricNames(line).includes('SqlStatements'));
    expect(request?._aws.CloudWatchMetrics[0].Namespace).toBe('LearningGraph');
    expect(request).toMatchObject({ SqlStatements: 2, CacheHits: 3, CacheMisses: 1, GraphQLErrors: 0, ResponseCacheMisses: 1 });
    const latencies = lines.filter((line) => metricNames(line).includes('SubgraphLatency'));
    expect(latencies.map((line) => [line.subgraph, line.SubgraphLatency])).toEqual([['users', 12], ['users', 30]]);
    expect(latencies[0]?._aws.CloudWatchMetrics[0].Dimensions[0]).toContain('subgraph');
  });

  it('publishes no metric when LOG_LEVEL is silent', async () => {
    const telemetry = createTelemetry({ app: 'amal', logLevel: 'silent' });
    const lines = await linesWrittenBy(() => telemetry.observe({ requestId: 'req-4', context: lambdaContext }, async () => recordStatement()));
    expect(lines).toEqual([]);
  });
});

describe('one request over the lambda transport', () => {
  const apps = useTestDatabase({ seed: { amal: seedDemo } });
  // As in AWS, each function (and the gateway) is a container of its own, with its own telemetry.
  const telemetries = new Map<string, Telemetry>();
  const telemetryOf = (name: string) => telemetries.get(name) ?? telemetries.set(name, createTelemetry({ app: 'amal', logLevel: 'info' })).get(name)!;
  const overLambda = useGateway(apps, { transport: 'lambda', telemetry: telemetryOf, logger: telemetryOf('gateway').logger });

  it('carries the gateway’s request id onto the lines of every subgraph function it invokes, with their metrics', async () => {
    const requestId = `trace-${randomUUID()}`;
    const lines = await linesWrittenBy(() =>
      overLambda.query('{ me { displayName } nextSession(size: 2) { id } }', { as: as.student(DEMO.children[0]), headers: { 'x-request-id': requestId } }),
    );
    for (const name of ['amal-users', 'amal-memory']) {
      expect(lines.find((line) => line.event === 'graphql.operation' && line.function_name === name), name).toMatchObject({ requestId });
    }
    const published = lines.filter((line) => metricNames(line).includes('SqlStatements') && line.requestId === requestId);
    expect(published.length).toBe(overLambda.lambda.invocations('amal-users') + overLambda.lambda.invocations('amal-memory'));
    const gatewayLine = lines.find((line) => line.event === 'graphql.operation' && !line.function_name);
    expect(gatewayLine).toMatchObject({ requestId, subgraphMs: { users: [expect.any(Number)], memory: expect.any(Array) } });
  });
});
