/**
 * The AWS Lambda Invoke API on 127.0.0.1, `POST /2015-03-31/functions/<name>/invocations`, running
 * real handlers in this process, so specs call subgraph functions through the real
 * `@aws-sdk/client-lambda` (its `endpoint` option, dummy credentials). It answers as Lambda does:
 * the handler's result as the payload; `X-Amz-Function-Error: Unhandled` with Lambda's error
 * payload when the handler throws; 429 `TooManyRequestsException` when throttled; 404
 * `ResourceNotFoundException` for an unknown function. Faults are injected per function.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

/**
 * - `throttle`: 429, the function is not run;
 * - `crash`: the function fails (an unhandled error);
 * - `malformed`: the function answers bytes that are not its handler's result;
 * - `hang`: no answer until the caller gives up.
 */
export type InvokeFault = 'throttle' | 'crash' | 'malformed' | 'hang';

type AnyHandler = (event: never, context: Context, callback: () => void) => unknown;

export interface LambdaEndpoint {
  /** For the SDK's `endpoint` option. */
  url: string;
  /** Invocations received by a function (faulted ones included) since it started. */
  invocations(functionName: string): number;
  /** The next `times` invocations of the function meet `fault`. */
  inject(functionName: string, fault: InvokeFault, times?: number): void;
  close(): Promise<void>;
}

export async function startLambdaEndpoint(functions: Record<string, AnyHandler>): Promise<LambdaEndpoint> {
  const counts = new Map<string, number>();
  const faults = new Map<string, InvokeFault[]>();

  const server = createServer(async (request, response) => {
    const name = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(new URL(request.url ?? '/', 'http://localhost').pathname)?.[1];
    const functionName = name && decodeURIComponent(name);
    const handler = functionName ? functions[functionName] : undefined;
    if (request.method !== 'POST' || !functionName || !handler) {
      return reply(response, 404, { 'x-amzn-errortype': 'ResourceNotFoundException' }, { Type: 'User', Message: `Function not found: ${functionName ?? request.url}` });
    }
    counts.set(functionName, (counts.get(functionName) ?? 0) + 1);
    const event = JSON.parse(await readBody(request)) as never;
    switch (faults.get(functionName)?.shift()) {
      case 'throttle':
        return reply(response, 429, { 'x-amzn-errortype': 'TooManyRequestsException' }, { Type: 'User', Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded', message: 'Rate Exceeded.' });
      case 'crash':
        return reply(response, 200, { 'x-amz-function-error': 'Unhandled' }, { errorType: 'Error', errorMessage: 'injected crash', trace: [] });
      case 'malformed':
        return response.writeHead(200, { 'content-type': 'application/json' }).end('<html>Bad Gateway</html>');
      case 'hang':
        return;
    }
    try {
      const result = await handler(event, contextFor(functionName), () => undefined);
      reply(response, 200, { 'x-amz-executed-version': '$LATEST' }, result ?? null);
    } catch (error) {
      reply(response, 200, { 'x-amz-function-error': 'Unhandled' }, { errorType: (error as Error).name, errorMessage: (error as Error).message, trace: [] });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    invocations: (functionName) => counts.get(functionName) ?? 0,
    inject(functionName, fault, times = 1) {
      faults.set(functionName, [...(faults.get(functionName) ?? []), ...Array<InvokeFault>(times).fill(fault)]);
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function reply(response: ServerResponse, status: number, headers: Record<string, string>, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID(), ...headers }).end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function contextFor(functionName: string): Context {
  return {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => 15_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
