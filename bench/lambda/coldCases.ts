/**
 * A school morning, cold: the teacher's ClassroomDashboard through the gateway's bundle in a fresh
 * process, in the cases Lambda meets it, side by side with the same request warm.
 *
 * Subgraph functions run as Lambda runs them (FunctionContainers): each invocation of a function
 * takes an idle container, or starts a new one (a fresh process: a cold start) when every container
 * is busy, as one answering a warm-up is. On Lambda every container has a CPU of its own; here
 * (`taskset`, where the machine has it and two cores or more) the gateway has one core and every
 * subgraph container shares another, so cold subgraphs start slower than on Lambda when several
 * start at once: the figures are upper bounds. The AWS SDK reaches them through a local Invoke API
 * (test/support/lambdaEndpoint.ts); the token is checked against a JWKS served on 127.0.0.1;
 * MariaDB and Redis are connected on first use. Warm runs have the response cache off, so they
 * execute the plan. Connecting (MySQL, Redis, the JWKS fetch) is timed apart, in this process.
 *
 * - (a) everything cold (after a deploy, or a quiet night);
 * - (b) a cold gateway over warm subgraphs (the morning spike adds gateway containers);
 * - (c) a warm gateway over cold subgraphs (after a quiet hour): as it is, with the subgraphs'
 *   provisioned concurrency (containers initialised, never invoked), and after the scheduled warmer.
 *   The quiet hour is scaled down: the gateways presume a subgraph cold after 1 s idle
 *   (SUBGRAPH_WARM_UP_AFTER_IDLE_SECONDS, 300 when deployed), and each (c) request comes after that;
 * - inline: every subgraph in the gateway's function (`-c subgraphs=inline`), cold and warm.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConnection } from 'mysql2/promise';
import { Redis } from 'ioredis';
import { LAMBDA_BUNDLES } from '../../infra/bundles.js';
import { SUBGRAPH_NAMES } from '../../schema/subgraphs.js';
import { invocationEvent } from '../../runtime/serve/invocationEvent.js';
import { isWarmUpEvent } from '../../runtime/serve/warmUp.js';
import { loadDevIssuer } from '../../gateway/auth/devIssuer.js';
import { bundleLambda } from '../../scripts/bundle.js';
import { startLambdaEndpoint } from '../../test/support/lambdaEndpoint.js';
import { documentOf } from '../mix.js';
import { DEMO } from '../../seed/demoIds.js';

/** One first request: process start of the gateway (or, warm gateway, the request's start) to its answer. */
export interface ColdRequest {
  ms: number;
  /** Subgraph containers started by it, by subgraph (its warm-ups' included). */
  started: Record<string, number>;
  /** Its calls (not warm-ups) that found no idle container and started another: a cold start met by a request. */
  coldCalls: number;
  /**
   * By subgraph: how long after its warm-up answered the request's first call to it arrived. About
   * 0: the call had been waiting for the warm-up in flight (gateway/warmUp.ts `pending`).
   */
  firstCallAfterWarmUpMs: Record<string, number>;
}

export interface ColdCases {
  /** Whether the gateway and the subgraph containers ran on cores of their own (module comment). */
  pinned: boolean;
  warmMs: number[];
  connect: { mysqlMs: number; redisMs: number; jwksMs: number };
  /** The gateway's own cold start: process start to its answer of `{ __typename }`, which calls no subgraph. */
  gatewayOwnColdMs: number;
  gatewayInitMs: number;
  subgraphInitMs: Record<string, number>;
  allCold: ColdRequest;
  coldGateway: ColdRequest;
  coldSubgraphs: { none: ColdRequest; provisioned: ColdRequest; warmer: ColdRequest };
  inline: { coldMs: number; initMs: number; warmMs: number[] };
  /** An admin's operation outside the plan file (with an `@include` condition), on the warm gateway: it loads and builds the planner. */
  unplannedMs: number;
  /**
   * (a) as on Lambda, where every container has a CPU of its own, composed from parts measured one
   * at a time: the cold gateway's init and when its warm-ups left (from (b)), each subgraph's cold
   * start alone (process start to prepared), and what (b)'s request took after the init:
   * max(gateway init, warm-ups written + slowest subgraph alone) + (b) after its init.
   */
  ownCpus: { composedMs: number; gatewayInitMs: number; warmUpsWrittenMs: number; subgraphAloneMs: Record<string, number>; requestAfterInitMs: number };
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

interface Answer {
  result: { statusCode?: number; body?: string; warmed?: boolean };
  /** performance.now() of the process when the invocation began and when it answered. */
  started: number;
  at: number;
}

interface Host {
  /** performance.now() of the process when its bundle was loaded (the end of Lambda's init). */
  ready: Promise<number>;
  logs: string[];
  busy: boolean;
  invoke(event: unknown): Promise<Answer>;
  stop(): void;
}

/** The gateway's core and the subgraphs' (module comment); none where `taskset` or a second core is missing. */
const PINNED = availableParallelism() >= 2 && spawnSync('taskset', ['-c', '0', 'true']).status === 0;
type Core = 'gateway' | 'subgraphs';

function startHost(bundle: string, env: Record<string, string>, core: Core): Host {
  const node = [process.execPath, '--input-type=module', '-e', HOST, bundle];
  const [command, ...args] = PINNED ? ['taskset', '-c', core === 'gateway' ? '0' : '1', ...node] : node;
  const child: ChildProcessWithoutNullStreams = spawn(command!, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const waiting = new Map<string, (answer: Answer) => void>();
  const logs: string[] = [];
  let readyResolve: (ms: number) => void;
  const ready = new Promise<number>((resolve, reject) => {
    readyResolve = resolve;
    child.once('exit', (code, signal) => signal !== 'SIGKILL' && reject(new Error(`${bundle} exited (${code}): ${logs.join('').slice(-2000)}`)));
  });
  ready.catch(() => undefined);
  let buffered = '';
  child.stderr.on('data', (chunk) => logs.push(String(chunk)));
  child.stdout.on('data', (chunk) => {
    buffered += chunk;
    let newline;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (!line.startsWith('{')) continue;
      const message = JSON.parse(line) as { ready?: number; id?: string; result?: unknown };
      if (message.ready !== undefined) readyResolve(message.ready);
      else if (message.id && message.result) waiting.get(message.id)?.(message as Answer);
      else logs.push(line);
    }
  });
  const host: Host = {
    ready,
    logs,
    busy: false,
    async invoke(event) {
      const id = randomUUID();
      host.busy = true;
      try {
        return await new Promise<Answer>((resolve) => {
          waiting.set(id, resolve);
          child.stdin.write(JSON.stringify({ id, event }) + '\n');
        });
      } finally {
        host.busy = false;
      }
    },
    stop: () => child.kill('SIGKILL'),
  };
  return host;
}

/** One function's containers, as Lambda keeps them: an invocation takes an idle one or starts another. */
class FunctionContainers {
  readonly containers: Host[] = [];
  /** Containers started, and invocations that met a cold one, since the last `count()`. */
  private startedCount = 0;
  private coldCount = 0;
  /** When a warm-up last arrived (this process's clock). */
  warmUpArrivedAt: number | undefined;
  /** Since the last `count()`: when a warm-up last answered, and when the first call after it arrived. */
  private warmUpAnsweredAt: number | undefined;
  private firstCallAt: number | undefined;
  initMs: number[] = [];

  constructor(private readonly bundle: string, private readonly env: Record<string, string>) {}

  private start(): Host {
    const host = startHost(this.bundle, this.env, 'subgraphs');
    host.busy = true; // in its init
    this.containers.push(host);
    this.startedCount++;
    void host.ready.then((ms) => this.initMs.push(ms), () => undefined);
    return host;
  }

  async invoke(event: unknown): Promise<Answer['result']> {
    const warmUp = isWarmUpEvent(event);
    if (warmUp) this.warmUpArrivedAt = performance.now();
    else this.firstCallAt ??= performance.now();
    let host = this.containers.find((container) => !container.busy);
    if (!host) {
      host = this.start();
      if (!warmUp) this.coldCount++;
      await host.ready;
    }
    const { result } = await host.invoke(event);
    if (warmUp) this.warmUpAnsweredAt = performance.now();
    return result;
  }

  /** Provisioned concurrency: `n` containers initialised, never invoked. */
  async provision(n: number): Promise<void> {
    const hosts = Array.from({ length: n }, () => this.start());
    await Promise.all(hosts.map((host) => host.ready));
    for (const host of hosts) host.busy = false;
    this.count();
  }

  count(): { started: number; cold: number; firstCallAfterWarmUpMs: number | undefined } {
    const { warmUpAnsweredAt, firstCallAt } = this;
    const counted = { started: this.startedCount, cold: this.coldCount, firstCallAfterWarmUpMs: warmUpAnsweredAt !== undefined && firstCallAt !== undefined ? firstCallAt - warmUpAnsweredAt : undefined };
    this.startedCount = this.coldCount = 0;
    this.warmUpAnsweredAt = this.firstCallAt = undefined;
    return counted;
  }

  /** Lambda reclaims the idle containers (a quiet hour). */
  reclaim(): void {
    for (const host of this.containers.splice(0)) host.stop();
  }
}

/** The bench's quiet hour, scaled down (module comment). */
const QUIET_SECONDS = 1;

async function timeIt(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/** `env`: the bench deployment's variables (a seeded database, Redis, the development issuer's key file). */
export async function measureColdCases(env: Record<string, string>, repeats: number): Promise<ColdCases> {
  const local = fileURLToPath(new URL('../../.local/', import.meta.url));
  mkdirSync(local, { recursive: true });
  const dir = mkdtempSync(join(local, 'bench-cold-'));
  const hosts: Host[] = [];
  const pools = new Map<string, FunctionContainers>();
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
      RESPONSE_CACHE_TTL_SECONDS: '0',
      ...Object.fromEntries(Object.entries(env).filter(([key]) => key.startsWith('RATE_LIMIT'))),
    };
    for (const name of SUBGRAPH_NAMES) pools.set(name, new FunctionContainers(join(dir, name, 'index.mjs'), { ...deployed, POWERTOOLS_SERVICE_NAME: name }));
    stops.push(() => pools.forEach((pool) => pool.reclaim()));
    const endpoint = await startLambdaEndpoint(Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`amal-${name}`, (event: never) => pools.get(name)!.invoke(event)])));
    stops.push(endpoint.close);

    const gatewayEnv = (transport: 'lambda' | 'local') => ({
      ...deployed,
      POWERTOOLS_SERVICE_NAME: 'gateway',
      SUBGRAPH_TRANSPORT: transport,
      SUBGRAPH_WARM_UP_AFTER_IDLE_SECONDS: String(QUIET_SECONDS),
      ...(transport === 'lambda'
        ? {
            ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`SUBGRAPH_FUNCTION_${name.toUpperCase()}`, `amal-${name}`])),
            AWS_ENDPOINT_URL_LAMBDA: endpoint.url,
            AWS_ACCESS_KEY_ID: 'bench',
            AWS_SECRET_ACCESS_KEY: 'bench',
          }
        : {}),
    });
    const startGateway = (transport: 'lambda' | 'local') => {
      const host = startHost(join(dir, 'gateway', 'index.mjs'), gatewayEnv(transport), 'gateway');
      hosts.push(host);
      return host;
    };
    const token = await issuer.mint({ userId: String(DEMO.teacher), role: 'TEACHER' });
    const dashboard = () => invocationEvent({ query: documentOf('ClassroomDashboard'), variables: { id: String(DEMO.classroom) } }, { authorization: `Bearer ${token}` }, randomUUID());
    const answered = async (host: Host, event = dashboard(), expected = '"students"') => {
      const answer = await host.invoke(event);
      const { statusCode, body } = answer.result;
      if (statusCode !== 200 || !body?.includes(expected) || body.includes('"errors"')) {
        throw new Error(`gateway: ${statusCode} ${body?.slice(0, 500)}\n${[...hosts, ...[...pools.values()].flatMap((pool) => pool.containers)].flatMap((host) => host.logs).join('\n').slice(-5000)}`);
      }
      return answer;
    };
    const counted = (ms: number): ColdRequest => {
      const started: Record<string, number> = {};
      const firstCallAfterWarmUpMs: Record<string, number> = {};
      let coldCalls = 0;
      for (const [name, pool] of pools) {
        const { started: n, cold, firstCallAfterWarmUpMs: gap } = pool.count();
        started[name] = n;
        coldCalls += cold;
        if (gap !== undefined) firstCallAfterWarmUpMs[name] = gap;
      }
      return { ms, started, coldCalls, firstCallAfterWarmUpMs };
    };
    const reclaimSubgraphs = () => pools.forEach((pool) => pool.reclaim());

    // (a) Everything cold.
    const first = startGateway('lambda');
    const allCold = counted((await answered(first)).at);
    const gatewayInitMs = await first.ready;
    const subgraphInitMs = Object.fromEntries([...pools].map(([name, pool]) => [name, pool.initMs[0] ?? NaN]));
    const warmMs: number[] = [];
    for (let i = 0; i < repeats; i++) {
      const { started, at } = await answered(first);
      warmMs.push(at - started);
    }
    const admin = await issuer.mint({ userId: String(DEMO.admin), role: 'ADMIN' });
    // Its plan has a condition node, which the bundle's executor evaluates with gateway/planning/executionHelpers.ts.
    const unplannedQuery = `query ($withRoster: Boolean = true) { classroom(id: "${DEMO.classroom}") @include(if: $withRoster) { name students { id } } }`;
    const unplanned = await answered(first, invocationEvent({ query: unplannedQuery }, { authorization: `Bearer ${admin}` }, randomUUID()), '"students"');
    counted(0);

    // (b) A cold gateway over warm subgraphs; and the gateway's own cold start, which calls none.
    const spawnedAt = performance.now();
    const second = startGateway('lambda');
    const coldGateway = counted((await answered(second)).at);
    const secondInitMs = await second.ready;
    const warmUpsWrittenMs = Math.min(...[...pools.values()].map((pool) => (pool.warmUpArrivedAt ?? Infinity) - spawnedAt));
    const own = startGateway('lambda');
    // An admin's, as the safelist lets only admins send what the apps do not.
    const gatewayOwnColdMs = (await answered(own, invocationEvent({ query: '{ __typename }' }, { authorization: `Bearer ${admin}` }, randomUUID()), '"Query"')).at;
    own.stop();
    await sleep(300); // its warm-ups answered
    counted(0);

    // (c) A warm gateway over cold subgraphs: as it is, over provisioned containers, after the warmer.
    const warmRequest = async () => {
      await sleep(QUIET_SECONDS * 1_000 + 100);
      const { started, at } = await answered(first);
      return at - started;
    };
    reclaimSubgraphs();
    const none = counted(await warmRequest());
    reclaimSubgraphs();
    await Promise.all([...pools.values()].map((pool) => pool.provision(1)));
    const provisioned = counted(await warmRequest());
    reclaimSubgraphs();
    const warmer = await first.invoke({ warmSubgraphs: { concurrency: 1 } });
    if (!JSON.stringify(warmer.result).includes('"warmed":true')) throw new Error(`the warmer did not warm: ${JSON.stringify(warmer.result).slice(0, 500)}`);
    counted(0);
    const afterWarmer = counted(await warmRequest());

    // Inline: one function.
    const inline = startGateway('local');
    const inlineCold = (await answered(inline)).at;
    const inlineWarm: number[] = [];
    for (let i = 0; i < repeats; i++) {
      const { started, at } = await answered(inline);
      inlineWarm.push(at - started);
    }

    // Each subgraph's cold start alone: process start to prepared (its init awaits it).
    const subgraphAloneMs: Record<string, number> = {};
    for (const [name, pool] of pools) {
      reclaimSubgraphs();
      subgraphAloneMs[name] = await timeIt(() => pool.provision(1));
    }
    const requestAfterInitMs = coldGateway.ms - secondInitMs;
    const ownCpus = {
      composedMs: Math.max(secondInitMs, warmUpsWrittenMs + Math.max(...Object.values(subgraphAloneMs))) + requestAfterInitMs,
      gatewayInitMs: secondInitMs,
      warmUpsWrittenMs,
      subgraphAloneMs,
      requestAfterInitMs,
    };

    const connect = {
      mysqlMs: await timeIt(async () => (await createConnection(env.DATABASE_URL!)).end()),
      redisMs: await timeIt(async () => {
        const redis = new Redis(env.REDIS_URL!, { lazyConnect: true });
        await redis.connect();
        redis.disconnect();
      }),
      jwksMs: await timeIt(async () => (await fetch(jwksUrl)).json()),
    };
    return {
      pinned: PINNED,
      warmMs,
      connect,
      gatewayOwnColdMs,
      gatewayInitMs,
      subgraphInitMs,
      allCold,
      coldGateway,
      coldSubgraphs: { none, provisioned, warmer: afterWarmer },
      inline: { coldMs: inlineCold, initMs: await inline.ready, warmMs: inlineWarm },
      unplannedMs: unplanned.at - unplanned.started,
      ownCpus,
    };
  } finally {
    for (const host of hosts) host.stop();
    for (const stop of stops.reverse()) await stop();
  }
}
