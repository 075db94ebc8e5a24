/**
 * A real first request, cold: process start to the first answer of the teacher's ClassroomDashboard
 * with every function cold. The gateway bundle runs in a fresh process over the lambda transport;
 * the AWS SDK invokes the subgraph functions through a local Invoke API (test/support/lambdaEndpoint.ts)
 * whose first call to each function starts that function's bundle in a fresh process (its cold
 * start); the token is checked against a JWKS served over HTTP on 127.0.0.1; MariaDB and Redis are
 * connected on first use. Then the same request again, warm, `repeats` times, with the response
 * cache off so that warm still executes the plan. Connecting (MySQL, Redis, the JWKS fetch) is
 * timed apart, in this process.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConnection } from 'mysql2/promise';
import { Redis } from 'ioredis';
import { LAMBDA_BUNDLES } from '../../infra/bundles.js';
import { SUBGRAPH_NAMES } from '../../schema/subgraphs.js';
import { invocationEvent } from '../../runtime/serve/invocationEvent.js';
import { loadDevIssuer } from '../../gateway/auth/devIssuer.js';
import { bundleLambda } from '../../scripts/bundle.js';
import { startLambdaEndpoint } from '../../test/support/lambdaEndpoint.js';
import { documentOf } from '../mix.js';
import { DEMO } from '../../seed/demoIds.js';

export interface FirstRequest {
  /** Process start to the answer, in the cold gateway. */
  coldMs: number;
  gatewayInitMs: number;
  /** By subgraph: process start to its first answer, and that first invocation alone. */
  subgraphs: { name: string; startToAnswerMs: number; initMs: number; firstInvocationMs: number }[];
  warmMs: number[];
  /** An admin's operation outside the plan file (with an `@include` condition), on the warm gateway: it loads and builds the planner. */
  unplannedMs: number;
  connect: { mysqlMs: number; redisMs: number; jwksMs: number };
}

/** Runs in each fresh process: loads the bundle, then answers the events sent on stdin, one JSON line each. */
const HOST = `
const { handler } = await import(process.argv[1]);
process.stdout.write(JSON.stringify({ ready: performance.now() }) + '\\n');
let buffered = '';
process.stdin.on('data', async (chunk) => {
  buffered += chunk;
  let newline;
  while ((newline = buffered.indexOf('\\n')) >= 0) {
    const { id, event } = JSON.parse(buffered.slice(0, newline));
    buffered = buffered.slice(newline + 1);
    const started = performance.now();
    const context = { functionName: 'bench', awsRequestId: id, getRemainingTimeInMillis: () => 15000 };
    const result = await handler(event, context, () => {});
    process.stdout.write(JSON.stringify({ id, result, started, at: performance.now() }) + '\\n');
  }
});
`;

interface Host {
  ready: Promise<number>;
  /** What the function logged (errors only). */
  logs: string[];
  invoke(event: unknown): Promise<{ result: { statusCode?: number; body?: string }; started: number; at: number }>;
  stop(): void;
}

function startHost(bundle: string, env: Record<string, string>): Host {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--input-type=module', '-e', HOST, bundle], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const waiting = new Map<string, (answer: never) => void>();
  const logs: string[] = [];
  let readyResolve: (ms: number) => void;
  const ready = new Promise<number>((resolve, reject) => {
    readyResolve = resolve;
    child.once('exit', (code) => reject(new Error(`${bundle} exited (${code}): ${logs.join('').slice(-2000)}`)));
  });
  let buffered = '';
  child.stderr.on('data', (chunk) => logs.push(String(chunk)));
  child.stdout.on('data', (chunk) => {
    buffered += chunk;
    let newline;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (!line.startsWith('{')) continue; // a log line
      const message = JSON.parse(line) as { ready?: number; id?: string; result?: unknown };
      if (message.ready !== undefined) readyResolve(message.ready);
      else if (message.id && message.result) waiting.get(message.id)?.(message as never);
      else logs.push(line);
    }
  });
  return {
    ready,
    logs,
    invoke(event) {
      const id = randomUUID();
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        child.stdin.write(JSON.stringify({ id, event }) + '\n');
      });
    },
    stop: () => child.kill('SIGKILL'),
  };
}

async function timeIt(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/** `env`: the bench deployment's variables (a seeded database, Redis, the development issuer's key file). */
export async function measureFirstRequest(env: Record<string, string>, repeats: number): Promise<FirstRequest> {
  const local = fileURLToPath(new URL('../../.local/', import.meta.url));
  mkdirSync(local, { recursive: true });
  const dir = mkdtempSync(join(local, 'bench-first-'));
  const hosts: Host[] = [];
  const stops: (() => Promise<void> | void)[] = [() => rmSync(dir, { recursive: true, force: true })];
  try {
    for (const name of ['gateway', ...SUBGRAPH_NAMES] as const) await bundleLambda(LAMBDA_BUNDLES[name], join(dir, name));

    const issuer = await loadDevIssuer(env.DEV_ISSUER_KEY_FILE!, 'https://cognito-idp.eu-west-1.amazonaws.com/bench', 'bench');
    const jwks = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(issuer.publicJwks)));
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    stops.push(() => new Promise<void>((resolve) => jwks.close(() => resolve())));
    const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;

    const deployed = {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      NODE_OPTIONS: '--enable-source-maps',
      AWS_REGION: 'eu-west-1',
      APP_NAME: 'amal',
      DATABASE_URL: env.DATABASE_URL!,
      DATABASE_POOL_SIZE: '2',
      REDIS_URL: env.REDIS_URL!,
      REDIS_KEY_PREFIX: `bench:${randomUUID()}:`,
      CONTEXT_SECRETS: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'error',
      AUTH_ISSUER: issuer.issuer,
      AUTH_AUDIENCE: issuer.audience,
      AUTH_JWKS_URL: jwksUrl,
    };
    const subgraphs: FirstRequest['subgraphs'] = [];
    const subgraphHosts = new Map<string, Host>();
    const endpoint = await startLambdaEndpoint(Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`amal-${name}`, async (event: unknown) => {
      let host = subgraphHosts.get(name);
      const cold = !host;
      if (!host) {
        host = startHost(join(dir, name, 'index.mjs'), { ...deployed, POWERTOOLS_SERVICE_NAME: name });
        subgraphHosts.set(name, host);
        hosts.push(host);
      }
      const answer = await host.invoke(event);
      if (cold) subgraphs.push({ name, startToAnswerMs: answer.at, initMs: await host.ready, firstInvocationMs: answer.at - answer.started });
      return answer.result;
    }])));
    stops.push(endpoint.close);

    const gateway = startHost(join(dir, 'gateway', 'index.mjs'), {
      ...deployed,
      POWERTOOLS_SERVICE_NAME: 'gateway',
      SUBGRAPH_TRANSPORT: 'lambda',
      ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`SUBGRAPH_FUNCTION_${name.toUpperCase()}`, `amal-${name}`])),
      AWS_ENDPOINT_URL_LAMBDA: endpoint.url,
      AWS_ACCESS_KEY_ID: 'bench',
      AWS_SECRET_ACCESS_KEY: 'bench',
      RESPONSE_CACHE_TTL_SECONDS: '0',
      ...Object.fromEntries(Object.entries(env).filter(([key]) => key.startsWith('RATE_LIMIT'))),
    });
    hosts.push(gateway);
    const token = await issuer.mint({ userId: String(DEMO.teacher), role: 'TEACHER' });
    const request = () => invocationEvent({ query: documentOf('ClassroomDashboard'), variables: { id: String(DEMO.classroom) } }, { authorization: `Bearer ${token}` }, randomUUID());
    const answered = (answer: Awaited<ReturnType<Host['invoke']>>) => {
      const { statusCode, body } = answer.result;
      if (statusCode !== 200 || !body?.includes('"students"') || body.includes('"errors"')) {
        throw new Error(`ClassroomDashboard: ${statusCode} ${body?.slice(0, 500)}\n${hosts.flatMap((host) => host.logs).join('\n').slice(-5000)}`);
      }
      return answer;
    };
    const first = answered(await gateway.invoke(request()));
    const gatewayInitMs = await gateway.ready;
    const warmMs: number[] = [];
    for (let i = 0; i < repeats; i++) {
      const { started, at } = answered(await gateway.invoke(request()));
      warmMs.push(at - started);
    }

    const admin = await issuer.mint({ userId: String(DEMO.admin), role: 'ADMIN' });
    // Its plan has a condition node, which the bundle's executor evaluates with gateway/planning/executionHelpers.ts.
    const unplannedQuery = `query ($withRoster: Boolean = true) { classroom(id: "${DEMO.classroom}") @include(if: $withRoster) { name students { id } } }`;
    const unplanned = answered(await gateway.invoke(invocationEvent({ query: unplannedQuery }, { authorization: `Bearer ${admin}` }, randomUUID())));

    const connect = {
      mysqlMs: await timeIt(async () => (await createConnection(env.DATABASE_URL!)).end()),
      redisMs: await timeIt(async () => {
        const redis = new Redis(env.REDIS_URL!, { lazyConnect: true });
        await redis.connect();
        redis.disconnect();
      }),
      jwksMs: await timeIt(async () => (await fetch(jwksUrl)).json()),
    };
    return { coldMs: first.at, gatewayInitMs, subgraphs, warmMs, unplannedMs: unplanned.at - unplanned.started, connect };
  } finally {
    for (const host of hosts) host.stop();
    for (const stop of stops.reverse()) await stop();
  }
}
