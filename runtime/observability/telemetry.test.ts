/**
 * The keys of an invocation's log lines come from the invocation's own scope, not from state on the
 * container's one Powertools logger: invocations that overlap or nest in one process (Lambda
 * Managed Instances, the in-process `lambda` transport) each keep theirs, with no runtime scope
 * (InvokeStore) around them.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Context } from 'aws-lambda';
import { createTelemetry } from './telemetry.js';

type Line = Record<string, any>;

let lines: Line[] = [];
beforeEach(() => {
  lines = [];
  const capture = ((chunk: string | Uint8Array) => {
    for (const text of String(chunk).split('\n')) if (text.startsWith('{')) lines.push(JSON.parse(text));
    return true;
  }) as typeof process.stdout.write;
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
});
afterEach(() => vi.restoreAllMocks());

const contextOf = (functionName: string, awsRequestId: string) => ({ functionName, awsRequestId }) as Context;
const keysOf = (event: string) => lines.filter((line) => line.event === event).map(({ requestId, function_name, function_request_id }) => ({ requestId, function_name, function_request_id }));

describe('the log keys of an invocation', () => {
  it('stay its own while other invocations of the container run at the same time', async () => {
    const telemetry = createTelemetry({ app: 'amal', logLevel: 'info' });
    const invoke = (n: number) =>
      telemetry.observe({ requestId: `req-${n}`, context: contextOf('amal-users', `aws-${n}`) }, async () => {
        for (let step = 0; step < 3; step++) {
          await sleep((n * 7 + step * 3) % 5);
          telemetry.logger.child({ n }).info('step', { step });
        }
      });
    await Promise.all([1, 2, 3, 4].map(invoke));
    const steps = lines.filter((line) => line.event === 'step');
    expect(steps).toHaveLength(12);
    for (const line of steps) expect(line).toMatchObject({ requestId: `req-${line.n}`, function_name: 'amal-users', function_request_id: `aws-${line.n}` });
  });

  it('come back to the outer invocation when one nested in it ends', async () => {
    const telemetry = createTelemetry({ app: 'amal', logLevel: 'info' });
    await telemetry.observe({ requestId: 'req-outer', context: contextOf('amal-gateway', 'aws-outer') }, async () => {
      await telemetry.observe({ requestId: 'req-inner', context: contextOf('amal-memory', 'aws-inner') }, async () => telemetry.logger.info('inner'));
      telemetry.logger.info('outer');
    });
    expect(keysOf('inner')).toEqual([{ requestId: 'req-inner', function_name: 'amal-memory', function_request_id: 'aws-inner' }]);
    expect(keysOf('outer')).toEqual([{ requestId: 'req-outer', function_name: 'amal-gateway', function_request_id: 'aws-outer' }]);
  });

  it('are on no line written outside every invocation', async () => {
    const telemetry = createTelemetry({ app: 'amal', logLevel: 'info' });
    await telemetry.observe({ requestId: 'req-1', context: contextOf('amal-users', 'aws-1') }, async () => undefined);
    telemetry.logger.info('housekeeping');
    expect(keysOf('housekeeping')).toEqual([{ requestId: undefined, function_name: undefined, function_request_id: undefined }]);
  });
});
