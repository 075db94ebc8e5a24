/**
 * `npm run bench`: the same client mix against five ways of serving the graph, one after another in
 * one run on this machine, with ratios to the first (the monolith, the floor to approach):
 *   (a) one Apollo Server with every subgraph's resolvers, (b) this gateway in-process,
 *   (c) this gateway over HTTP subgraph processes, (d) Apollo Gateway with IntrospectAndCompose,
 *   (e) Hive Gateway. (b) also runs without its response cache, and with no cache at all (the
 *   cold figures). Plus SQL statements per operation cold and warm, and peak RSS.
 * Bounded: `--seconds` (default 10) per setup, `--connections` (default 10), 127.0.0.1 only.
 * `--only <operation>` and `--setups <key,...>` (a, b, b-unlimited, b-rows, b-cold, c, d, e) narrow a run.
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
import { loadConfig } from '../runtime/config.js';
import { SUBGRAPH_NAMES } from '../schema/subgraphs.js';
import { signContext, CONTEXT_HEADER, type Viewer } from '../runtime/security/signedContext.js';
import { createBenchDatabase } from './database.js';
import { loadDevIssuer } from '../gateway/auth/devIssuer.js';
import { startServer, type ServerProcess } from './processes.js';
import { documentOf, MIX, mixRequests } from './mix.js';
import { load, type LoadResult } from './load.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '10' }, only: { type: 'string' }, setups: { type: 'string' } } });
/** `--only ClassroomDashboard`: one operation instead of the whole mix. */
const mix = values.only ? MIX.filter((operation) => operation.name.includes(values.only!)) : MIX;
if (mix.length === 0) throw new Error(`No operation of the mix matches "${values.only}"`);
const loadOptions = { seconds: Number(values.seconds), connections: Number(values.connections) };
const GATEWAY_PORT = 4100;
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
const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((name, i) => [`SUBGRAPH_URL_${name.toUpperCase()}`, `http://127.0.0.1:${subgraphPort(i)}/graphql`]));
/** Each setup warms its own cache namespace, so none profits from another's. */
const cacheOf = (setup: string) => ({ REDIS_KEY_PREFIX: `bench:${run}:${setup}:` });

interface Setup {
  key: string;
  label: string;
  start(): Promise<ServerProcess[]>;
  /** Sends identity as a bearer token (authenticating gateways) or as the signed context (pass-through gateways). */
  identity: 'token' | 'signed';
}

async function main() {
  const benchDatabase = await createBenchDatabase(database, baseEnv);
  const config = loadConfig({ ...process.env, ...baseEnv });

  const issuer = await loadDevIssuer(baseEnv.DEV_ISSUER_KEY_FILE, config.auth.issuer, config.auth.audience);
  const tokens = new Map<string, string>();
  for (const { viewer } of MIX) tokens.set(viewer.userId, await issuer.mint({ userId: viewer.userId, role: viewer.role }));
  const headersFor = (identity: Setup['identity']) => (viewer: Viewer): Record<string, string> => {
    if (viewer.kind !== 'user') return {};
    return identity === 'token'
      ? { authorization: `Bearer ${tokens.get(viewer.userId)}` }
      : { [CONTEXT_HEADER]: signContext({ viewer, app: 'amal', requestId: randomUUID() }, secret) };
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
  const setups: Setup[] = [
    { key: 'a', label: '(a) monolith Apollo Server', identity: 'token', start: async () => [await startServer('bench/servers/monolith.ts', [], { ...baseEnv, ...cacheOf('a') })] },
    { key: 'b', label: '(b) this gateway, local transport', identity: 'token', start: async () => [await startServer('bench/servers/gateway.ts', [], { ...baseEnv, ...cacheOf('b'), SUBGRAPH_TRANSPORT: 'local' })] },
    { key: 'b-unlimited', label: '(b) the same without the rate limiter (RATE_LIMITS=off)', identity: 'token', start: async () => [await startServer('bench/servers/gateway.ts', [], { ...baseEnv, ...cacheOf('b-unlimited'), SUBGRAPH_TRANSPORT: 'local', RATE_LIMITS: 'off' })] },
    { key: 'b-rows', label: '(b) the same without the response cache (entity cache only)', identity: 'token', start: async () => [await startServer('bench/servers/gateway.ts', [], { ...baseEnv, ...cacheOf('b-rows'), SUBGRAPH_TRANSPORT: 'local', RESPONSE_CACHE_TTL_SECONDS: '0' })] },
    { key: 'b-cold', label: '(b) the same with CACHE=off (every row from MySQL)', identity: 'token', start: async () => [await startServer('bench/servers/gateway.ts', [], { ...baseEnv, ...cacheOf('b-cold'), SUBGRAPH_TRANSPORT: 'local', CACHE: 'off' })] },
    { key: 'c', label: '(c) this gateway, http transport', identity: 'token', start: async () => [await startServer('bench/servers/gateway.ts', [], { ...baseEnv, ...cacheOf('c'), ...subgraphUrls, SUBGRAPH_TRANSPORT: 'http' }), ...(await subgraphProcesses())] },
    { key: 'd', label: '(d) Apollo Gateway, IntrospectAndCompose', identity: 'signed', start: async () => [await startServer('bench/servers/apolloIntrospect.ts', [], { ...baseEnv, ...subgraphUrls }), ...(await subgraphProcesses())] },
    { key: 'e', label: '(e) Hive Gateway', identity: 'signed', start: async () => [await startServer('bench/servers/hive.ts', [], { ...baseEnv, ...subgraphUrls }), ...(await subgraphProcesses())] },
  ];

  /** `--setups a,b-cold`: some setups only (ratios are then to the first of them). */
  const chosen = values.setups ? setups.filter((setup) => values.setups!.split(',').includes(setup.key)) : setups;
  const results: { setup: Setup; result: LoadResult; rss: number; failures: string[] }[] = [];
  let statements: { name: string; cold: number; warm: number }[] = [];
  try {
    for (const setup of chosen) {
      const processes = await setup.start();
      const url = processes[0]!.url;
      if (setup.key === 'b') statements = await statementCounts(url, headersFor('token'));
      const failures = await smoke(url, headersFor(setup.identity));
      await load(url, mixRequests(headersFor(setup.identity), mix), { ...loadOptions, seconds: 2 });
      const result = await load(url, mixRequests(headersFor(setup.identity), mix), loadOptions);
      results.push({ setup, result, rss: processes.reduce((sum, p) => sum + p.peakRssMiB(), 0), failures });
      await processes[0]!.stop();
      process.stderr.write(`${setup.label}: done\n`);
    }
  } finally {
    for (const p of subgraphs) await p.stop();
    await benchDatabase.drop();
  }

  print(results, statements);
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

/** One request per operation: GraphQL errors would make a fast but wrong setup look good. */
async function smoke(url: string, headersFor: (viewer: Viewer) => Record<string, string>): Promise<string[]> {
  const failures: string[] = [];
  for (const operation of mix) {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headersFor(operation.viewer) }, body: JSON.stringify({ query: documentOf(operation.name), variables: operation.variables() }) });
    const body = (await response.json()) as { errors?: { message: string }[] };
    if (response.status !== 200 || body.errors) failures.push(`${operation.name}: ${response.status} ${body.errors?.[0]?.message ?? ''}`);
  }
  return failures;
}

/** Statements per operation through this gateway (development responses carry the count), cold then warm. */
async function statementCounts(url: string, headersFor: (viewer: Viewer) => Record<string, string>) {
  const once = async (name: string, viewer: Viewer, variables: Record<string, unknown>) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headersFor(viewer) }, body: JSON.stringify({ query: documentOf(name), variables }) });
    return ((await response.json()) as { extensions?: { sqlStatements?: number } }).extensions?.sqlStatements ?? -1;
  };
  const counts = [];
  for (const operation of mix) {
    const cold = await once(operation.name, operation.viewer, operation.variables());
    const warm = await once(operation.name, operation.viewer, operation.variables());
    counts.push({ name: operation.name, cold, warm });
  }
  return counts;
}

function print(results: { setup: Setup; result: LoadResult; rss: number; failures: string[] }[], statements: { name: string; cold: number; warm: number }[]) {
  const floor = results[0]!.result;
  const ratio = (value: number, base: number) => (base > 0 ? (value / base).toFixed(2) : '-');
  console.log(`\nMix: ${mix.map((op) => `${op.name} x${op.weight}`).join(', ')}; ${loadOptions.connections} connections, ${loadOptions.seconds} s per setup after a 2 s warm-up.\n`);
  console.log('| setup | req/s | p50 ms | p99 ms | req/s vs (a) | p50 vs (a) | non-2xx | peak RSS MiB |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const { setup, result, rss } of results) {
    console.log(`| ${setup.label} | ${result.requestsPerSecond.toFixed(0)} | ${result.p50} | ${result.p99} | ${ratio(result.requestsPerSecond, floor.requestsPerSecond)} | ${ratio(result.p50, floor.p50)} | ${result.non2xx + result.errors} | ${rss.toFixed(0)} |`);
  }
  const warm = results.find((r) => r.setup.key === 'b')?.result;
  const cold = results.find((r) => r.setup.key === 'b-cold')?.result;
  const rows = results.find((r) => r.setup.key === 'b-rows')?.result;
  if (warm && cold) console.log(`\nCache-cold vs cache-warm p50 (this gateway, local): ${cold.p50} ms vs ${warm.p50} ms, ratio ${ratio(cold.p50, warm.p50)}; req/s ${ratio(warm.requestsPerSecond, cold.requestsPerSecond)}x with the caches.`);
  const unlimited = results.find((r) => r.setup.key === 'b-unlimited')?.result;
  // Time per request at this many connections, from the throughput: finer than autocannon's whole-ms p50.
  const msPerRequest = (result: LoadResult) => (loadOptions.connections * 1000) / result.requestsPerSecond;
  if (warm && unlimited) console.log(`Rate limiter (this gateway, local): ${msPerRequest(warm).toFixed(2)} ms a request with it vs ${msPerRequest(unlimited).toFixed(2)} ms without (${(msPerRequest(warm) - msPerRequest(unlimited)).toFixed(2)} ms); p50 ${warm.p50} vs ${unlimited.p50} ms; req/s ${ratio(warm.requestsPerSecond, unlimited.requestsPerSecond)}x of without.`);
  if (rows && cold) console.log(`With the entity cache only: ${cold.p50} ms vs ${rows.p50} ms, ratio ${ratio(cold.p50, rows.p50)}.`);
  const failed = results.filter((r) => r.failures.length);
  for (const { setup, failures } of failed) console.log(`\n${setup.label} answered with errors:\n  ${failures.join('\n  ')}`);
  console.log('\n| operation (through this gateway) | SQL statements cold | warm |');
  console.log('| --- | ---: | ---: |');
  for (const { name, cold, warm } of statements) console.log(`| ${name} | ${cold} | ${warm} |`);
  if (failed.length) process.exitCode = 1;
}

await main();
