/**
 * `npm run bench:lambda [-- --runs 9 --rounds 30]`: what running as Lambdas costs.
 *
 * 1. Per API Lambda, bundle bytes and cold start (process start to first answered event, median of
 *    `--runs` fresh processes), each as a ratio to a bare Apollo Server handler (bench/lambda/coldStart.ts).
 * 2. A real first request in each cold case (everything cold, a cold gateway over warm subgraphs, a
 *    warm gateway over cold subgraphs with and without their warmth settings) and in one function
 *    (inline), against the same request warm (bench/lambda/coldCases.ts).
 * 3. Warm durations per function for the client mix, over the lambda and the local transport, and
 *    what a million requests cost at the stack's memory size (bench/lambda/durations.ts).
 */
import { BENCH_RATE_LIMITS } from './rateLimits.js';
import { parseArgs } from 'node:util';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { loadConfig } from '../runtime/config.js';
import { SUBGRAPH_NAMES } from '../schema/subgraphs.js';
import { createAppRuntime } from '../runtime/container/appDeps.js';
import { migrate } from '../migrations/index.js';
import { seedDemo } from '../seed/demo.js';
import { DEFAULT_MEMORY_MB } from '../infra/constructs/NodeFunction.js';
import { BARE, measureColdStarts } from './lambda/coldStart.js';
import { measureDurations, type Durations } from './lambda/durations.js';
import { measureColdCases, type ColdCases, type ColdRequest } from './lambda/coldCases.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '9' }, rounds: { type: 'string', default: '30' } } });
const count = (name: string, value: string, max: number) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`--${name} must be a whole number from 1 to ${max}; got "${value}"`);
  return n;
};
const runs = count('runs', values.runs!, 50);
const rounds = count('rounds', values.rounds!, 1000);

/** USD, us-east-1, Arm, on demand: aws.amazon.com/lambda/pricing and aws.amazon.com/api-gateway/pricing. */
const PRICE = { lambdaRequest: 0.2 / 1e6, lambdaGbSecond: 0.0000133334, httpApiRequest: 1 / 1e6 };
/** Lambda gives a full vCPU at 1,769 MB and a share in proportion below it; the bench ran on a full core. */
const CPU_SCALE = Math.max(1, 1769 / DEFAULT_MEMORY_MB);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;
const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;

function printColdStarts(results: Awaited<ReturnType<typeof measureColdStarts>>): void {
  const bare = results.find(({ name }) => name === BARE)!;
  console.log(`\nBundles and cold starts (Node ${process.version}, ${runs} runs each, median with min–max)\n`);
  console.log('| Lambda | code loaded at start | × bare | all code | process start to first answer | × bare | RSS after it | heap in use |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
  const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
  for (const { name, bytes, ms: runs, rss, heapUsed } of results) {
    const row = [
      name, kib(bytes.atStart), `${(bytes.atStart / bare.bytes.atStart).toFixed(2)}×`, kib(bytes.total),
      `${ms(median(runs))} (${Math.min(...runs).toFixed(0)}–${Math.max(...runs).toFixed(0)})`, `${(median(runs) / median(bare.ms)).toFixed(2)}×`,
      mib(median(rss)), mib(median(heapUsed)),
    ];
    console.log(`| ${row.join(' | ')} |`);
  }
}

/** USD per million client requests: API Gateway, Lambda requests and Lambda GB-seconds (billed per started ms). */
function costPerMillion({ requests, byFunction }: Durations, scale: number): number {
  let dollars = PRICE.httpApiRequest;
  for (const durations of byFunction.values()) {
    if (durations.length === 0) continue; // a function the mix never invoked
    const invocations = durations.length / requests;
    const billedSeconds = mean(durations.map((d) => Math.ceil(d * scale))) / 1000;
    dollars += invocations * (PRICE.lambdaRequest + billedSeconds * (DEFAULT_MEMORY_MB / 1024) * PRICE.lambdaGbSecond);
  }
  return dollars * 1e6;
}

function printDurations(results: Durations[]): void {
  console.log(`\nWarm durations per function for the client mix (${rounds} rounds, one request at a time)\n`);
  console.log('| transport | function | invocations per request | mean | p50 | p95 |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: |');
  for (const { transport, requests, byFunction } of results) {
    for (const [name, durations] of byFunction) {
      if (durations.length === 0) continue;
      console.log(`| ${transport} | ${name} | ${(durations.length / requests).toFixed(2)} | ${ms(mean(durations))} | ${ms(median(durations))} | ${ms(percentile(durations, 0.95))} |`);
    }
  }
  console.log(`\nPer million requests at ${DEFAULT_MEMORY_MB} MB, Arm, us-east-1 (API Gateway HTTP API + Lambda requests + GB-seconds)\n`);
  console.log(`| transport | as measured | CPU share at ${DEFAULT_MEMORY_MB} MB (durations × ${CPU_SCALE.toFixed(2)}) |`);
  console.log('| --- | ---: | ---: |');
  for (const result of results) console.log(`| ${result.transport} | $${costPerMillion(result, 1).toFixed(2)} | $${costPerMillion(result, CPU_SCALE).toFixed(2)} |`);
}

async function withBenchDatabase<T>(use: (env: Record<string, string>) => Promise<T>): Promise<T> {
  const server = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
  const run = randomUUID().slice(0, 8);
  const database = `lg_bench_lambda_${run}`;
  const env = {
    APP_NAME: 'amal',
    DATABASE_URL: `${server}/${database}`,
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    CONTEXT_SECRETS: `bench-${run}`,
    DEV_ISSUER_KEY_FILE: join(mkdtempSync(join(tmpdir(), 'lg-bench-')), 'issuer.json'),
    LOG_LEVEL: 'silent',
    ...BENCH_RATE_LIMITS,
  };
  const admin = await createConnection(server);
  try {
    await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    const runtime = createAppRuntime(loadConfig(env), { redis: false });
    await migrate(runtime.database.pool, 'amal');
    await seedDemo(runtime);
    await runtime.close();
    return await use(env);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await admin.end();
  }
}

function printColdCases({ ownCpus, pinned, warmMs, connect, gatewayOwnColdMs, gatewayInitMs, subgraphInitMs, allCold, coldGateway, coldSubgraphs, inline }: ColdCases): void {
  const warm = median(warmMs);
  const connectMs = connect.mysqlMs + connect.redisMs + connect.jwksMs;
  const base = warm + connectMs;
  const containers = ({ started, coldCalls }: ColdRequest) =>
    `${Object.values(started).reduce((sum, n) => sum + n, 0)} started, ${coldCalls} met cold by a call`;
  const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
  console.log(`\nA real first request, cold: the teacher's ClassroomDashboard through the gateway bundle, subgraphs as Lambda containers\n`);
  console.log(pinned ? 'The gateway on core 0; every subgraph container shares core 1 (on Lambda each has its own: upper bounds).' : 'Every process shares every core (no taskset or one core): upper bounds.');
  console.log(`warm: ${ms(warm)} (median of ${warmMs.length}, response cache off); connecting: MySQL ${ms(connect.mysqlMs)}, Redis ${ms(connect.redisMs)}, JWKS ${ms(connect.jwksMs)} = ${ms(connectMs)}`);
  console.log(`gateway init ${ms(gatewayInitMs)}, its own cold start (\`{ __typename }\`) ${ms(gatewayOwnColdMs)}; subgraph inits ${Object.entries(subgraphInitMs).map(([name, init]) => `${name} ${ms(init)}`).join(', ')}\n`);
  console.log('| case | first answer | ÷ (warm + connecting) | target | subgraph containers |');
  console.log('| --- | ---: | ---: | --- | --- |');
  const row = (name: string, request: ColdRequest, target: string, ok: boolean) =>
    console.log(`| ${name} | ${ms(request.ms)} | ${(request.ms / base).toFixed(2)}× | ${target}: ${verdict(ok)} | ${containers(request)} |`);
  row('(a) everything cold (process start to answer), measured here', allCold, '≤ 5×', allCold.ms <= 5 * base);
  const own = ownCpus.composedMs;
  console.log(`| (a) everything cold, each function on a CPU of its own (composed, below) | ${ms(own)} | ${(own / base).toFixed(2)}× | ≤ 5×: ${verdict(own <= 5 * base)} | |`);
  const bLimit = gatewayOwnColdMs + 1.5 * warm;
  row('(b) cold gateway, warm subgraphs (process start to answer)', coldGateway, `≤ own cold start + 1.5× warm = ${ms(bLimit)}`, coldGateway.ms <= bLimit);
  row('(c) warm gateway, cold subgraphs, no warmth setting', coldSubgraphs.none, '≤ 3× (needs a setting)', coldSubgraphs.none.ms <= 3 * base);
  row('(c) warm gateway, provisioned subgraphs (initialised, never invoked)', coldSubgraphs.provisioned, '≤ 3×', coldSubgraphs.provisioned.ms <= 3 * base);
  row('(c) warm gateway, after the scheduled warmer', coldSubgraphs.warmer, '≤ 3×', coldSubgraphs.warmer.ms <= 3 * base);
  const inlineBase = median(inline.warmMs) + connectMs;
  console.log(`| inline: one function, cold (process start to answer; init ${ms(inline.initMs)}) | ${ms(inline.coldMs)} | ${(inline.coldMs / inlineBase).toFixed(2)}× of its own warm + connecting | | none |`);
  const gaps = Object.entries(allCold.firstCallAfterWarmUpMs).map(([name, gap]) => `${name} ${gap < 0 ? `${ms(-gap)} before it` : ms(gap)}`);
  console.log(`\nIn (a), the request's first call to each subgraph came after its warm-up answered by: ${gaps.join('; ')} (about 0: the call had waited for the warm-up in flight; below 0: it arrived while the warm-up's answer was on its way back)`);
  const alone = Object.entries(ownCpus.subgraphAloneMs).map(([name, taken]) => `${name} ${ms(taken)}`).join(', ');
  console.log(`\n(a) composed: max(gateway init ${ms(ownCpus.gatewayInitMs)}, warm-ups written at ${ms(ownCpus.warmUpsWrittenMs)} + the slowest subgraph's cold start alone (${alone})) + the request after the gateway's init in (b), ${ms(ownCpus.requestAfterInitMs)}`);
}

function printTopologies(cold: ColdCases, [lambda, local]: Durations[]): void {
  const invocations = ({ requests, byFunction }: Durations) => [...byFunction.values()].reduce((sum, durations) => sum + durations.length, 0) / requests;
  console.log(`\nTopologies side by side (one run; dollars at ${DEFAULT_MEMORY_MB} MB with the CPU share, as above)\n`);
  console.log('| topology | first dashboard, all cold | dashboard warm p50 | mix: gateway p50 | Lambda invocations per request | $ per million requests |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, coldMs, warm, durations] of [['functions (`-c subgraphs=functions`)', cold.allCold.ms, median(cold.warmMs), lambda!], ['inline (`-c subgraphs=inline`)', cold.inline.coldMs, median(cold.inline.warmMs), local!]] as const) {
    console.log(`| ${name} | ${ms(coldMs)} | ${ms(warm)} | ${ms(median(durations.byFunction.get('gateway')!))} | ${invocations(durations).toFixed(2)} | $${costPerMillion(durations, CPU_SCALE).toFixed(2)} |`);
  }
}

printColdStarts(await measureColdStarts(['gateway', ...SUBGRAPH_NAMES], runs));
const { cold, durations } = await withBenchDatabase(async (env) => ({
  cold: await measureColdCases(env, 10),
  durations: [
    await measureDurations('lambda', { ...env, REDIS_KEY_PREFIX: `bench:${randomUUID()}:` }, rounds),
    await measureDurations('local', { ...env, REDIS_KEY_PREFIX: `bench:${randomUUID()}:` }, rounds),
  ],
}));
printColdCases(cold);
printDurations(durations);
printTopologies(cold, durations);
process.exit(0);
