/**
 * The differential consistency check: every answer the cached graph gives is compared with the
 * answer the same viewer gets for the same request at that moment from the same code with every
 * cache off (CACHE=off, no kept answers). The cached side is deployed as in AWS with the http
 * transport: each subgraph its own process, two gateway instances, all sharing Redis (through a
 * fault proxy that cuts it part of the time) and MariaDB. Steps run one after another, so nothing
 * writes between an answer and its reference; the analytics consumer runs only at its steps.
 */
import { BENCH_RATE_LIMITS } from '../rateLimits.js';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPool } from 'mysql2/promise';
import { loadConfig } from '../../runtime/config.js';
import { SUBGRAPH_NAMES } from '../../schema/subgraphs.js';
import { createAppRuntime, type AppRuntime } from '../../runtime/container/appDeps.js';
import { CACHE_DEFAULTS } from '../../runtime/cache/entityCache.js';
import { createEventConsumer, type EventConsumer } from '../../pipeline/consumer.js';
import { loadDevIssuer } from '../../gateway/auth/devIssuer.js';
import { addressOf, startFaultProxy, throughProxy, type FaultProxy } from '../../test/support/faultProxy.js';
import { documentOf } from '../mix.js';
import { startServer, type ServerProcess } from '../processes.js';
import { clockCausesOf, comparable, differingPaths, type ClockCause, type Comparable, type GraphQLBody } from './compare.js';
import { schedule, VIEWERS, type Carriage, type ScheduledViewer, type Step } from './schedule.js';

export interface ConsistencyCheckOptions {
  databaseUrl: string;
  redisUrl: string;
  /** Steps in the schedule. */
  operations: number;
  seed: number;
  /** Cut Redis for spans of the run. @default true */
  outages?: boolean;
  log?: (line: string) => void;
}

export interface Difference {
  step: number;
  operation: string;
  viewer: ScheduledViewer;
  carriage: Carriage;
  gateway: number;
  servedFromKeptAnswer: boolean;
  redisCut: boolean;
  paths: string[];
  cached: Comparable;
  reference: Comparable;
}

export interface ConsistencyReport {
  steps: number;
  /** Reads compared with their reference. */
  reads: number;
  writes: number;
  consumerRuns: number;
  redisOutages: number;
  readsWithRedisCut: number;
  keptAnswersServed: number;
  /** What the response cache did with the cached side's reads, by outcome (`hit`, `stored`, `not-stored`). */
  responseCache: Record<string, number>;
  /** Write outcomes: `ok` or the first error's code. */
  writeOutcomes: Record<string, number>;
  differences: Difference[];
  /** Differences the clock alone explains (compare.ts), by cause. */
  clockOnly: Record<ClockCause, number>;
  ms: number;
}

/** Kept answers live this long at most; a clock-only cause must fall within it (plus L1) before the read. */
const RESPONSE_CACHE_TTL_SECONDS = 30;

export async function runConsistencyCheck(options: ConsistencyCheckOptions): Promise<ConsistencyReport> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const window = { from: new Date(started - 60 * 86_400_000).toISOString(), to: new Date(started + 86_400_000).toISOString() };
  const system = await startSystem(options);
  const report: ConsistencyReport = {
    steps: 0, reads: 0, writes: 0, consumerRuns: 0, redisOutages: 0, readsWithRedisCut: 0, keptAnswersServed: 0, responseCache: {},
    writeOutcomes: {}, differences: [], clockOnly: { 'review-due': 0, 'day-begins': 0 }, ms: 0,
  };
  let redisCut = false;
  try {
    for (const step of schedule(options.seed, options.operations, { outages: options.outages ?? true, ...window })) {
      report.steps++;
      if (step.kind === 'cut-redis') {
        redisCut = true;
        report.redisOutages++;
        await system.redisProxy.set({ kind: 'refuse' });
      } else if (step.kind === 'restore-redis') {
        redisCut = false;
        await system.redisProxy.set({ kind: 'pass' });
      } else if (step.kind === 'consume') {
        report.consumerRuns++;
        await system.consumer.drainOnce().catch(() => undefined); // Redis cut: the events wait in the queue or the outbox
      } else if (step.kind === 'write') {
        report.writes++;
        const body = await system.send(system.gateways[step.gateway]!, step, 'text');
        const outcome = body.errors?.length ? String(body.errors[0]?.extensions?.code) : 'ok';
        report.writeOutcomes[outcome] = (report.writeOutcomes[outcome] ?? 0) + 1;
      } else {
        report.reads++;
        if (redisCut) report.readsWithRedisCut++;
        const cachedBody = await system.send(system.gateways[step.gateway]!, step, step.carriage);
        const referenceBody = await system.send(system.reference, step, 'text');
        const outcome = cachedBody.extensions?.responseCache ?? 'none';
        report.responseCache[outcome] = (report.responseCache[outcome] ?? 0) + 1;
        const served = outcome === 'hit';
        if (served) report.keptAnswersServed++;
        const cached = comparable(cachedBody);
        const reference = comparable(referenceBody);
        const paths = differingPaths(cached, reference);
        if (paths.length === 0) continue;
        const cause = await system.clockExplains(paths);
        if (cause) {
          report.clockOnly[cause]++;
          continue;
        }
        report.differences.push({ step: report.steps, operation: step.operation, viewer: step.viewer, carriage: step.carriage, gateway: step.gateway, servedFromKeptAnswer: served, redisCut, paths, cached, reference });
        log(`difference at step ${report.steps}: ${step.operation} as ${step.viewer.role} ${step.viewer.userId} (${step.carriage}, gateway ${step.gateway}${served ? ', kept answer' : ''}${redisCut ? ', Redis cut' : ''}): ${paths.slice(0, 5).join(', ')}`);
      }
      if (report.steps % 1_000 === 0) log(`${report.steps} steps, ${report.differences.length} differences`);
    }
  } finally {
    await system.stop();
  }
  report.ms = Date.now() - started;
  return report;
}

interface RunningSystem {
  gateways: string[];
  reference: string;
  redisProxy: FaultProxy;
  consumer: EventConsumer;
  send(url: string, step: Extract<Step, { kind: 'read' | 'write' }>, carriage: Carriage): Promise<GraphQLBody>;
  /** The clock cause that explains a difference at `paths` now, if any moved within the kept answers' lifetime. */
  clockExplains(paths: string[]): Promise<ClockCause | undefined>;
  stop(): Promise<void>;
}

async function startSystem(options: ConsistencyCheckOptions): Promise<RunningSystem> {
  const run = randomUUID().slice(0, 8);
  const env = {
    APP_NAME: 'amal', DATABASE_URL: options.databaseUrl, CONTEXT_SECRETS: `check-${run}`, LOG_LEVEL: 'error', PORT: '0',
    DEV_ISSUER_KEY_FILE: join(mkdtempSync(join(tmpdir(), 'lg-check-')), 'issuer.json'), APOLLO_TELEMETRY_DISABLED: 'true',
    REDIS_KEY_PREFIX: `check:${run}:`, ANALYTICS_LAKE: 'off',
    // Every answer kept, each viewer's too, so every read checks the response cache as well.
    RESPONSE_CACHE: 'all', RESPONSE_CACHE_TTL_SECONDS: String(RESPONSE_CACHE_TTL_SECONDS),
    // The faults are the proxy's cuts: a command stalled by this busy machine must not fake an outage
    // that only one container sees (that bound is the kill spec's, docs/CONSISTENCY.md).
    REDIS_COMMAND_TIMEOUT_MS: '2000',
    ...BENCH_RATE_LIMITS,
  };
  const redisProxy = await startFaultProxy(addressOf(options.redisUrl));
  const cachedRedis = { REDIS_URL: throughProxy(options.redisUrl, redisProxy) };
  const processes: ServerProcess[] = [];
  let consumerRuntime: AppRuntime | undefined;
  let consumer: EventConsumer | undefined;
  const pool = createPool({ uri: options.databaseUrl, connectionLimit: 2, timezone: 'Z' });
  const stop = async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await consumer?.close();
    await consumerRuntime?.close();
    await pool.end();
    await redisProxy.close();
  };
  try {
    await preventReviewsFallingDue(pool);
    const subgraphs = await Promise.all(SUBGRAPH_NAMES.map((name) => startServer('bench/servers/subgraph.ts', [name], { ...env, ...cachedRedis })));
    processes.push(...subgraphs);
    const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name, i) => [`SUBGRAPH_URL_${name.toUpperCase()}`, subgraphs[i]!.url]));
    const gatewayEnv = { ...env, ...cachedRedis, ...urls, SUBGRAPH_TRANSPORT: 'http' };
    const servers = await Promise.all([
      startServer('bench/servers/gateway.ts', [], gatewayEnv),
      startServer('bench/servers/gateway.ts', [], gatewayEnv),
      startServer('bench/servers/gateway.ts', [], { ...env, REDIS_URL: options.redisUrl, REDIS_KEY_PREFIX: `check:${run}:reference:`, SUBGRAPH_TRANSPORT: 'local', CACHE: 'off', RESPONSE_CACHE_TTL_SECONDS: '0' }),
    ]);
    processes.push(...servers);
    const config = loadConfig({ ...process.env, ...env, ...cachedRedis });
    consumerRuntime = createAppRuntime(config);
    consumer = createEventConsumer(consumerRuntime.deps);

    const issuer = await loadDevIssuer(env.DEV_ISSUER_KEY_FILE, config.auth.issuer, config.auth.audience);
    const tokens = new Map<string, string>();
    for (const viewer of VIEWERS) tokens.set(viewer.userId, await issuer.mint(viewer));

    return {
      gateways: [servers[0]!.url, servers[1]!.url],
      reference: servers[2]!.url,
      redisProxy,
      consumer,
      stop,
      async send(url, step, carriage) {
        // Steps name an operation by its file under operations/ (<client>/<OperationName>).
        const operationName = step.operation.split('/')[1]!;
        const document = documentOf(operationName);
        const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(step.viewer.userId)}`, 'apollo-require-preflight': 'true' };
        const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(document).digest('hex') };
        const response = carriage === 'get'
          ? await fetch(`${url}?${new URLSearchParams({ operationName, variables: JSON.stringify(step.variables), extensions: JSON.stringify({ persistedQuery }) })}`, { headers })
          : await fetch(url, { method: 'POST', headers, body: JSON.stringify(carriage === 'hash' ? { operationName, variables: step.variables, extensions: { persistedQuery } } : { query: document, operationName, variables: step.variables }) });
        if (response.status >= 500) throw new Error(`${step.operation} answered HTTP ${response.status}: ${await response.text()}`);
        return (await response.json()) as GraphQLBody;
      },
      async clockExplains(paths) {
        const causes = clockCausesOf(paths);
        if (!causes) return undefined;
        const since = new Date(Date.now() - RESPONSE_CACHE_TTL_SECONDS * 1000 - CACHE_DEFAULTS.l1TtlMs);
        for (const cause of causes) {
          if (cause === 'day-begins' && since.toISOString().slice(0, 10) !== new Date().toISOString().slice(0, 10)) return cause;
          if (cause === 'review-due') {
            const [rows] = await pool.query('SELECT COUNT(*) AS n FROM amal_concept_memory WHERE due_at > ? AND due_at <= NOW(3)', [since]);
            if (Number((rows as { n: number }[])[0]?.n) > 0) return cause;
          }
        }
        return undefined;
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Moves the demo history's due dates out of the next six hours, so no review falls due during a
 * run: what the clock alone changes is then rare, and each case is still named when it happens.
 * Answers given during the run are due a day or more later (SM-2's shortest interval).
 */
async function preventReviewsFallingDue(pool: ReturnType<typeof createPool>): Promise<void> {
  await pool.query('UPDATE amal_concept_memory SET due_at = DATE_SUB(NOW(3), INTERVAL 1 HOUR) WHERE due_at > DATE_SUB(NOW(3), INTERVAL 1 HOUR) AND due_at <= DATE_ADD(NOW(3), INTERVAL 6 HOUR)');
}
