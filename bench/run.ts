/**
 * `npm run bench`: the same load against seven ways of serving the graph, one after another in
 * one run on this machine, with ratios to the first (the monolith, the floor to approach):
 *   (a) one Apollo Server with every subgraph's resolvers, (b) this gateway in-process,
 *   (c) this gateway over HTTP subgraph processes, (d) Apollo Gateway with IntrospectAndCompose,
 *   (e) Hive Gateway (JavaScript query planner), (f) Hive Gateway with the Rust query planner,
 *   (g) Grafbase (`grafbase dev`). (b) and (c) run as configured by default (no response cache:
 *   the entity cache only), and with the response cache keeping each viewer's answers (all) or
 *   only answers made of `@public` fields (public); (b) also with no cache at all (the cold figures).
 * Two modes per setup: the client mix (autocannon), and a class opening one lesson (bench/classLoad.ts:
 * 30 students send LessonPage for the same lesson at once, round after round). Plus curriculum
 * subgraph calls per request (counted by the subgraph process), SQL statements per operation cold
 * and warm, and peak RSS.
 * Bounded: `--seconds` (default 10) per setup and mode, `--connections` (default 10, the mix), 127.0.0.1 only.
 * `--only <operation>` (of the mix, or one of bench/mix.ts ON_DEMAND) and `--setups <key,...>` (a, b, b-unlimited,
 * b-public, b-all, b-cold, c, c-public, c-all, d, e, f, g) narrow a run.
 * The gateways' rate limits are raised out of the load's reach (bench/rateLimits.ts); (b) also runs
 * without the limiter, for what it costs a request.
 */
import { createRedisClient } from '../runtime/clients/redis.js';
import { createLogger } from '../runtime/observability/logger.js';
import { createRateLimiter } from '../runtime/security/rateLimiter.js';
import { BENCH_RATE_LIMITS } from './rateLimits.js';
import { parseArgs } from 'node:util';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadConfig, type ResponseCacheScope } from '../runtime/config.js';
import { SUBGRAPH_NAMES } from '../schema/subgraphs.js';
import type { Viewer } from '../runtime/security/signedContext.js';
import { passThroughHeaders } from './passThrough.js';
import { createBenchDatabase } from './database.js';
import { loadDevIssuer } from '../gateway/auth/devIssuer.js';
import { startServer, type ServerProcess } from './processes.js';
import { documentOf, MIX, mixRequests, ON_DEMAND } from './mix.js';
import { load, type LoadResult } from './load.js';
import { CLASS, classLoad, classRound } from './classLoad.js';
import { startGrafbase } from './grafbase.js';
import { Agent } from 'node:http';
import { createConnection } from 'mysql2/promise';
import { DEMO } from '../seed/demoIds.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '10' }, only: { type: 'string' }, setups: { type: 'string' } } });
/** `--only ClassroomDashboard`: one operation instead of the whole mix. */
const mix = values.only ? [...MIX, ...ON_DEMAND].filter((operation) => operation.name.includes(values.only!)) : MIX;
if (mix.length === 0) throw new Error(`No operation of the mix matches "${values.only}"`);
const loadOptions = { seconds: Number(values.seconds), connections: Number(values.connections) };
const GATEWAY_PORT = 4100;
/** The monolith that every setup's answers are compared with, running beside them. */
const REFERENCE_PORT = 4199;
const subgraphPort = (i: number) => 4101 + i;
const run = randomUUID().slice(0, 8);
const database = `lg_bench_${run}`;
const secret = `bench-${run}`;

const baseEnv = {
  APP_NAME: 'amal',
  DATABASE_URL: `mysql://root@127.0.0.1:3306/${database}`,
  CONTEXT_SECRETS: secret,
  DEV_ISSUER_KEY_FILE: join(mkdtempSync(join(tmpdir(), 'lg-bench-')), 'issuer.json'),
  LOG_LEVEL: 'error',
  // Apollo Gateway otherwise reports usage to Apollo and probes cloud metadata addresses.
  APOLLO_TELEMETRY_DISABLED: 'true',
  PORT: String(GATEWAY_PORT),
  ...BENCH_RATE_LIMITS,
};
const subgraphUrl = (name: string) => `http://127.0.0.1:${subgraphPort(SUBGRAPH_NAMES.indexOf(name as never))}/graphql`;
const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`SUBGRAPH_URL_${name.toUpperCase()}`, subgraphUrl(name)]));
/** The class smoke's lesson: one the mix's SubmitAnswer never writes to (it answers in lesson 1). */
const SMOKE_LESSON = String(DEMO.lessons[2]);
/** Each setup warms its own cache namespace, so none profits from another's. */
/** What this gateway keeps by default (runtime/config.ts). */
const DEFAULT_RESPONSE_CACHE = loadConfig({}).responseCache;
const cacheOf = (setup: string) => ({ REDIS_KEY_PREFIX: `bench:${run}:${setup}:` });

interface Setup {
  key: string;
  label: string;
  start(): Promise<ServerProcess[]>;
  /** Sends identity as a bearer token (authenticating gateways) or as the signed context (pass-through gateways). */
  identity: 'token' | 'signed';
  /** Which whole answers it keeps (this gateway's RESPONSE_CACHE); no contender has a response cache here. */
  responseCache: ResponseCacheScope;
  /** Runs over the subgraph processes, whose curriculum calls are counted. */
  overSubgraphProcesses: boolean;
}

interface ModeResult {
  result: LoadResult & { roundP50?: number };
  curriculumCallsPerRequest?: number;
}

async function main() {
  const benchDatabase = await createBenchDatabase(database, baseEnv);
  const config = loadConfig({ ...process.env, ...baseEnv });

  const issuer = await loadDevIssuer(baseEnv.DEV_ISSUER_KEY_FILE, config.auth.issuer, config.auth.audience);
  const tokens = new Map<string, string>();
  for (const viewer of [...MIX.map((operation) => operation.viewer), ...CLASS]) tokens.set(viewer.userId, await issuer.mint({ userId: viewer.userId, role: viewer.role }));
  const headersFor = (identity: Setup['identity']) => (viewer: Viewer): Record<string, string> => {
    if (viewer.kind !== 'user') return {};
    return identity === 'token'
      ? { authorization: `Bearer ${tokens.get(viewer.userId)}` }
      : passThroughHeaders(viewer, secret);
  };

  const subgraphs: ServerProcess[] = [];
  const subgraphProcesses = async () => {
    if (subgraphs.length === 0) {
      for (const [i, name] of SUBGRAPH_NAMES.entries()) {
        subgraphs.push(await startServer('bench/servers/subgraph.ts', [name], { ...baseEnv, ...cacheOf('subgraphs'), PORT: String(subgraphPort(i)) }));
      }
    }
    return subgraphs;
  };
  const gatewayServer = (setup: string, env: Record<string, string>) => startServer('bench/servers/gateway.ts', [], { ...baseEnv, ...cacheOf(setup), ...env });
  /** The subgraph processes first (a gateway may introspect them as it starts), the gateway first in the list. */
  const overHttp = async (gateway: () => Promise<ServerProcess>) => {
    const processes = await subgraphProcesses();
    return [await gateway(), ...processes];
  };
  const ours = { identity: 'token', overSubgraphProcesses: false } as const;
  const passThrough = { identity: 'signed', responseCache: 'off', overSubgraphProcesses: true } as const;
  const setups: Setup[] = [
    { key: 'a', label: '(a) monolith Apollo Server', ...ours, responseCache: 'off', start: async () => [await startServer('bench/servers/monolith.ts', [], { ...baseEnv, ...cacheOf('a') })] },
    { key: 'b', label: '(b) this gateway, local transport', ...ours, responseCache: DEFAULT_RESPONSE_CACHE, start: async () => [await gatewayServer('b', { SUBGRAPH_TRANSPORT: 'local' })] },
    { key: 'b-unlimited', label: '(b) the same without the rate limiter (RATE_LIMITS=off)', ...ours, responseCache: DEFAULT_RESPONSE_CACHE, start: async () => [await gatewayServer('b-unlimited', { SUBGRAPH_TRANSPORT: 'local', RATE_LIMITS: 'off' })] },
    { key: 'b-all', label: '(b) the same keeping every viewer\'s answers (RESPONSE_CACHE=all)', ...ours, responseCache: 'all', start: async () => [await gatewayServer('b-all', { SUBGRAPH_TRANSPORT: 'local', RESPONSE_CACHE: 'all' })] },
    { key: 'b-public', label: '(b) the same keeping answers made of @public fields (RESPONSE_CACHE=public)', ...ours, responseCache: 'public', start: async () => [await gatewayServer('b-public', { SUBGRAPH_TRANSPORT: 'local', RESPONSE_CACHE: 'public' })] },
    { key: 'b-cold', label: '(b) the same with CACHE=off (every row from MySQL)', ...ours, responseCache: 'off', start: async () => [await gatewayServer('b-cold', { SUBGRAPH_TRANSPORT: 'local', CACHE: 'off' })] },
    { key: 'c', label: '(c) this gateway, http transport', ...ours, responseCache: DEFAULT_RESPONSE_CACHE, overSubgraphProcesses: true, start: () => overHttp(() => gatewayServer('c', { ...subgraphUrls, SUBGRAPH_TRANSPORT: 'http' })) },
    { key: 'c-all', label: '(c) the same keeping every viewer\'s answers (RESPONSE_CACHE=all)', ...ours, responseCache: 'all', overSubgraphProcesses: true, start: () => overHttp(() => gatewayServer('c-all', { ...subgraphUrls, SUBGRAPH_TRANSPORT: 'http', RESPONSE_CACHE: 'all' })) },
    { key: 'c-public', label: '(c) the same keeping answers made of @public fields (RESPONSE_CACHE=public)', ...ours, responseCache: 'public', overSubgraphProcesses: true, start: () => overHttp(() => gatewayServer('c-public', { ...subgraphUrls, SUBGRAPH_TRANSPORT: 'http', RESPONSE_CACHE: 'public' })) },
    { key: 'd', label: '(d) Apollo Gateway, IntrospectAndCompose', ...passThrough, start: () => overHttp(() => startServer('bench/servers/apolloIntrospect.ts', [], { ...baseEnv, ...subgraphUrls })) },
    { key: 'e', label: '(e) Hive Gateway, JavaScript query planner', ...passThrough, start: () => overHttp(() => startServer('bench/servers/hive.ts', [], { ...baseEnv, ...subgraphUrls })) },
    { key: 'f', label: '(f) Hive Gateway, Rust query planner', ...passThrough, start: () => overHttp(() => startServer('bench/servers/hive.ts', ['rust'], { ...baseEnv, ...subgraphUrls })) },
    { key: 'g', label: '(g) Grafbase (grafbase dev)', ...passThrough, start: () => overHttp(() => startGrafbase(GATEWAY_PORT, subgraphUrl)) },
  ];

  /** `--setups a,b-cold`: some setups only (ratios are then to the first of them). */
  const chosen = values.setups ? setups.filter((setup) => values.setups!.split(',').includes(setup.key)) : setups;
  const results: SetupResult[] = [];
  let statements: StatementCount[] = [];
  let distinctMemories = 0;
  let reference: ServerProcess | undefined;
  let subgraphsWarm = false;
  try {
    // The monolith every answer is compared with, with CACHE=off: writes made through a setup
    // invalidate that setup's cache namespace only, so a cache of its own would go stale.
    reference = await startServer('bench/servers/monolith.ts', [], { ...baseEnv, ...cacheOf('reference'), CACHE: 'off', PORT: String(REFERENCE_PORT) });
    const expected = await classAnswers(reference.url, headersFor('token'));
    distinctMemories = new Set(expected).size;
    const referenceAnswer = (operation: string, viewer: Viewer, variables: Record<string, unknown>) => answerOf(reference!.url, headersFor('token')(viewer), operation, variables);

    for (const setup of chosen) {
      const processes = await setup.start();
      const url = processes[0]!.url;
      const headers = headersFor(setup.identity);
      if (setup.key === 'b') statements = await statementCounts(url, headersFor('token'), benchDatabase.url);
      const failures = [...(await smoke(url, headers, referenceAnswer)), ...(await classSmoke(url, headers, expected))];
      /** Curriculum calls the subgraph process served during `run`, per request `run` made. */
      const counted = async (run: () => Promise<LoadResult>): Promise<ModeResult> => {
        const before = setup.overSubgraphProcesses ? await curriculumCalls() : 0;
        const result = await run();
        if (!setup.overSubgraphProcesses) return { result };
        return { result, curriculumCallsPerRequest: ((await curriculumCalls()) - before) / result.requests };
      };
      // The first setup over the subgraph processes also warms them (their JIT, pools and caches), so
      // that it is not measured against later setups that find them warm.
      const warmUpSeconds = setup.overSubgraphProcesses && !subgraphsWarm ? 10 : 2;
      subgraphsWarm ||= setup.overSubgraphProcesses;
      await load(url, mixRequests(headers, mix), { ...loadOptions, seconds: warmUpSeconds });
      const mixResult = await counted(() => load(url, mixRequests(headers, mix), loadOptions));
      // The warm-up's rounds open other lessons than the timed ones begin with.
      await classLoad(url, headers, warmUpSeconds, DEMO.lessons.length / 2);
      const classResult = await counted(() => classLoad(url, headers, loadOptions.seconds));
      results.push({ setup, mix: mixResult, class: classResult, rss: processes.reduce((sum, p) => sum + p.peakRssMiB(), 0), failures });
      await processes[0]!.stop();
      process.stderr.write(`${setup.label}: done\n`);
    }
  } finally {
    await reference?.stop();
    for (const p of subgraphs) await p.stop();
    await benchDatabase.drop();
  }

  print(results, statements, distinctMemories);
  if (chosen.some((setup) => setup.key === 'b')) await printLimiterCost(config.redisUrl);
}

/** One budget check, alone and in sequence: what the limiter adds to a request (a mutation checks twice). */
async function printLimiterCost(redisUrl: string) {
  const redis = createRedisClient(redisUrl, createLogger('silent'));
  await new Promise((resolve) => redis.once('ready', resolve));
  const limiter = createRateLimiter({ redis, keyPrefix: `bench:${run}:`, app: 'amal', name: 'cost', points: 1_000_000, timeoutMs: 1_000, logger: createLogger('silent') });
  const checks = 2_000;
  for (let i = 0; i < 200; i++) await limiter.take('warm-up');
  const started = performance.now();
  for (let i = 0; i < checks; i++) await limiter.take(`user:${i % 50}`);
  const us = ((performance.now() - started) * 1000) / checks;
  console.log(`\nRate limiter: ${us.toFixed(0)} µs per budget check (${checks} in sequence against Redis on 127.0.0.1); one per request, two per mutation.`);
  redis.disconnect();
}

type Answerer = (operation: string, viewer: Viewer, variables: Record<string, unknown>) => Promise<{ status: number; data?: unknown; errors?: { message: string }[] }>;

async function answerOf(url: string, headers: Record<string, string>, operation: string, variables: Record<string, unknown>) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: documentOf(operation), variables }) });
  return { status: response.status, ...((await response.json()) as { data?: unknown; errors?: { message: string }[] }) };
}

/**
 * One request per operation: GraphQL errors would make a fast but wrong setup look good, and so
 * would wrong data, so each query's data must be the monolith's at the same moment.
 */
async function smoke(url: string, headersFor: (viewer: Viewer) => Record<string, string>, reference: Answerer): Promise<string[]> {
  const failures: string[] = [];
  for (const operation of mix) {
    const variables = operation.variables();
    const body = await answerOf(url, headersFor(operation.viewer), operation.name, variables);
    if (body.status !== 200 || body.errors) failures.push(`${operation.name}: ${body.status} ${body.errors?.[0]?.message ?? ''}`);
    else if (documentOf(operation.name).trimStart().startsWith('query') && canonical(body.data) !== canonical((await reference(operation.name, operation.viewer, variables)).data)) failures.push(`${operation.name}: not the monolith's data`);
  }
  return failures;
}

/** Each student's LessonPage answer for the smoke lesson, sent one at a time (the reference). */
async function classAnswers(url: string, headersFor: (viewer: Viewer) => Record<string, string>): Promise<string[]> {
  const answers = [];
  for (const student of CLASS) {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headersFor(student) }, body: JSON.stringify({ query: documentOf('LessonPage'), variables: { id: SMOKE_LESSON } }) });
    const body = (await response.json()) as { data?: unknown; errors?: { message: string }[] };
    if (body.errors || !body.data) throw new Error(`The monolith's LessonPage for student ${student.userId}: ${body.errors?.[0]?.message}`);
    answers.push(canonical(body.data));
  }
  return answers;
}

/** One class round at once: every student must get the monolith's answer for that student (its own myMemory). */
async function classSmoke(url: string, headersFor: (viewer: Viewer) => Record<string, string>, expected: string[]): Promise<string[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: CLASS.length });
  const answers = await classRound(agent, url, headersFor, SMOKE_LESSON);
  agent.destroy();
  return answers.flatMap(({ answer }, i) => {
    let data: string | undefined;
    try {
      data = canonical((JSON.parse(answer.body) as { data?: unknown }).data);
    } catch {
      // Not JSON: reported below with its status.
    }
    return answer.status === 200 && data === expected[i] ? [] : [`class LessonPage, student ${CLASS[i]!.userId}: ${answer.status} ${answer.body.slice(0, 200)}`];
  });
}

/** JSON with keys sorted: gateways may order an object's fields differently, which means nothing. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => (inner && typeof inner === 'object' && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b))) : inner));
}

/** GraphQL requests the curriculum subgraph process has served so far. */
async function curriculumCalls(): Promise<number> {
  const response = await fetch(new URL('/bench/calls', subgraphUrl('curriculum')));
  return ((await response.json()) as { calls: number }).calls;
}

/**
 * Statements per operation through this gateway, cold then warm: as the request counted them (development
 * responses carry the drizzle logger's count) and as MariaDB did (its global `Questions` counter read
 * around the request, less what reading it costs). The server's counter sees everything, the
 * container's housekeeping too (its invalidation-log drain, one statement a second from a timer).
 */
async function statementCounts(url: string, headersFor: (viewer: Viewer) => Record<string, string>, databaseUrl: string) {
  const server = await createConnection(databaseUrl);
  const questions = async () => Number(((await server.query("SHOW GLOBAL STATUS LIKE 'Questions'"))[0] as { Value: string }[])[0]!.Value);
  const reading = -(await questions()) + (await questions());
  const once = async (name: string, viewer: Viewer, variables: Record<string, unknown>) => {
    const before = await questions();
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headersFor(viewer) }, body: JSON.stringify({ query: documentOf(name), variables }) });
    const counted = ((await response.json()) as { extensions?: { sqlStatements?: number } }).extensions?.sqlStatements ?? -1;
    return { counted, byServer: (await questions()) - before - reading };
  };
  const counts: StatementCount[] = [];
  try {
    for (const operation of mix) {
      const cold = await once(operation.name, operation.viewer, operation.variables());
      const warm = await once(operation.name, operation.viewer, operation.variables());
      counts.push({ name: operation.name, cold, warm });
    }
  } finally {
    await server.end();
  }
  return counts;
}

interface StatementCount { name: string; cold: { counted: number; byServer: number }; warm: { counted: number; byServer: number } }

interface SetupResult {
  setup: Setup;
  mix: ModeResult;
  class: ModeResult;
  rss: number;
  failures: string[];
}

const CONTENDERS = ['d', 'e', 'f', 'g'];

function print(results: SetupResult[], statements: StatementCount[], distinctMemories: number) {
  const ratio = (value: number, base: number) => (base > 0 ? (value / base).toFixed(2) : '-');
  const first = `(${results[0]!.setup.key})`;
  const calls = ({ curriculumCallsPerRequest }: ModeResult) => (curriculumCallsPerRequest === undefined ? '-' : curriculumCallsPerRequest.toFixed(2));
  const cache = (setup: Setup) => setup.responseCache;

  console.log(`\nMix: ${mix.map((op) => `${op.name} x${op.weight}`).join(', ')}; ${loadOptions.connections} connections, ${loadOptions.seconds} s per setup after a 2 s warm-up.\n`);
  console.log(`| setup | response cache | req/s | p50 ms | p99 ms | req/s vs ${first} | p50 vs ${first} | failed | curriculum calls per request | peak RSS MiB |`);
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const mixFloor = results[0]!.mix.result;
  for (const { setup, mix: { result }, mix: mode, rss } of results) {
    console.log(`| ${setup.label} | ${cache(setup)} | ${result.requestsPerSecond.toFixed(0)} | ${result.p50} | ${result.p99} | ${ratio(result.requestsPerSecond, mixFloor.requestsPerSecond)} | ${ratio(result.p50, mixFloor.p50)} | ${result.non2xx + result.errors} | ${calls(mode)} | ${rss.toFixed(0)} |`);
  }

  console.log(`\nClass: ${CLASS.length} students with their own identities send LessonPage for the same lesson at once, round after round (the next round when the last has its page), the lesson changing every round (1-${DEMO.lessons.length}); ${loadOptions.seconds} s per setup after a 2 s warm-up. Smoke: each student got the monolith's answer for that student (${distinctMemories} distinct answers among the ${CLASS.length}).\n`);
  console.log(`| setup | response cache | req/s | p50 ms | p99 ms | class round p50 ms | req/s vs ${first} | p50 vs ${first} | failed | curriculum calls per request |`);
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const classFloor = results[0]!.class.result;
  for (const { setup, class: mode } of results) {
    const { result } = mode;
    console.log(`| ${setup.label} | ${cache(setup)} | ${result.requestsPerSecond.toFixed(0)} | ${result.p50} | ${result.p99} | ${result.roundP50} | ${ratio(result.requestsPerSecond, classFloor.requestsPerSecond)} | ${ratio(result.p50, classFloor.p50)} | ${result.non2xx + result.errors} | ${calls(mode)} |`);
  }

  // The targets, stated as measured: this gateway over HTTP against the best contender of each mode.
  const contenders = results.filter((r) => CONTENDERS.includes(r.setup.key));
  for (const ours of results.filter((r) => r.setup.key.startsWith('c'))) {
    for (const mode of ['mix', 'class'] as const) {
      if (contenders.length === 0) continue;
      const best = contenders.reduce((a, b) => (b[mode].result.requestsPerSecond > a[mode].result.requestsPerSecond ? b : a));
      const [mine, theirs] = [ours[mode].result.requestsPerSecond, best[mode].result.requestsPerSecond];
      console.log(`${mode}: ${ours.setup.label} ${mine.toFixed(0)} req/s vs the best contender ${best.setup.label} ${theirs.toFixed(0)} req/s: ${mine > theirs ? 'ahead' : 'behind'} (${ratio(mine, theirs)}x).`);
    }
  }

  const mixOf = (key: string) => results.find((r) => r.setup.key === key)?.mix.result;
  const [warm, cold] = [mixOf('b'), mixOf('b-cold')];
  if (warm && cold) console.log(`\nCache-cold vs cache-warm p50 (this gateway, local): ${cold.p50} ms vs ${warm.p50} ms, ratio ${ratio(cold.p50, warm.p50)}; req/s ${ratio(warm.requestsPerSecond, cold.requestsPerSecond)}x with the caches.`);
  const unlimited = mixOf('b-unlimited');
  // Time per request at this many connections, from the throughput: finer than autocannon's whole-ms p50.
  const msPerRequest = (result: LoadResult) => (loadOptions.connections * 1000) / result.requestsPerSecond;
  if (warm && unlimited) console.log(`Rate limiter (this gateway, local): ${msPerRequest(warm).toFixed(2)} ms a request with it vs ${msPerRequest(unlimited).toFixed(2)} ms without (${(msPerRequest(warm) - msPerRequest(unlimited)).toFixed(2)} ms); p50 ${warm.p50} vs ${unlimited.p50} ms; req/s ${ratio(warm.requestsPerSecond, unlimited.requestsPerSecond)}x of without.`);
  const failed = results.filter((r) => r.failures.length);
  for (const { setup, failures } of failed) console.log(`\n${setup.label} answered with errors:\n  ${failures.join('\n  ')}`);
  console.log('\n| operation (through this gateway) | SQL statements cold, by the request | cold, by MariaDB (Questions) | warm, by the request | warm, by MariaDB |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const { name, cold, warm } of statements) console.log(`| ${name} | ${cold.counted} | ${cold.byServer} | ${warm.counted} | ${warm.byServer} |`);
  if (failed.length) process.exitCode = 1;
}

await main();
