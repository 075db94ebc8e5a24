/**
 * `npm run bench:faults`: the classroom dashboard under a steady load while faults are injected on
 * a schedule, against this gateway over HTTP subgraph processes (127.0.0.1 only, bounded in time).
 *
 *   1. calibrate: 5 s unthrottled, giving the rate this machine sustains;
 *   2. 60 s at that rate: baseline, the memory subgraph killed and restarted, Redis cut (through a
 *      fault proxy), MariaDB connections killed every second; per phase: requests, non-2xx, GraphQL
 *      errors by code, p50/p99, and the seconds until errors return to zero after each fault ends.
 *
 * `--response-cache off|on|both` (default both): the 60 s run with the gateway's response cache off
 * (the default, so every request reaches the subgraphs and each fault reaches what it breaks), on
 * (`RESPONSE_CACHE=all` with the default lifetime: the dashboard's answers kept), or off then on,
 * each with a gateway of its own at the rate calibrated on the first.
 *
 * `npm run bench:soak` (`--soak`): after calibrating, 5 minutes at 70% of the rate, reporting the
 * gateway's live heap (after a full GC) at the start and end, and its growth; once per
 * `--response-cache` setting.
 */
import { BENCH_RATE_LIMITS } from './rateLimits.js';
import { parseArgs } from 'node:util';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { createConnection } from 'mysql2/promise';
import { loadConfig } from '../runtime/config.js';
import { SUBGRAPH_NAMES } from '../schema/subgraphs.js';
import { createAppRuntime } from '../runtime/container/appDeps.js';
import { migrate } from '../migrations/index.js';
import { seedDemo } from '../seed/demo.js';
import { DEMO } from '../seed/demoIds.js';
import { loadDevIssuer } from '../gateway/auth/devIssuer.js';
import { CLASSROOM_DASHBOARD } from '../test/support/dashboard.js';
import { startFaultProxy } from '../test/support/faultProxy.js';
import { startServer, type ServerProcess } from './processes.js';

const { values } = parseArgs({
  options: {
    soak: { type: 'boolean', default: false },
    connections: { type: 'string', default: '10' },
    'response-cache': { type: 'string', default: 'both' },
  },
});
const CONNECTIONS = Number(values.connections);
type ResponseCache = 'off' | 'on';
const RESPONSE_CACHES = responseCachesOf(values['response-cache']);
const SERVER_URL = 'mysql://root@127.0.0.1:3306';
const REDIS = { host: '127.0.0.1', port: 6379 };
const GATEWAY_PORT = 4200;
const subgraphPort = (i: number) => 4201 + i;
const run = randomUUID().slice(0, 8);
const database = `lg_faults_${run}`;

/** The fault schedule of the 60 s run, in seconds from its start; the phases between them are reported. */
const SCHEDULE = [
  { at: 0, phase: 'baseline' },
  { at: 10, phase: 'memory subgraph killed', fault: 'kill-subgraph' },
  { at: 20, phase: 'memory subgraph restarted', fault: 'restart-subgraph', endsFault: true },
  { at: 30, phase: 'Redis cut', fault: 'cut-redis' },
  { at: 40, phase: 'Redis back', fault: 'restore-redis', endsFault: true },
  { at: 45, phase: 'MariaDB connections killed each second', fault: 'kill-db' },
  { at: 50, phase: 'MariaDB left alone', fault: 'stop-db-kills', endsFault: true },
] as const;
const RUN_SECONDS = 60;

interface PhaseFigures {
  requests: number;
  non2xx: number;
  codes: Record<string, number>;
  latencies: number[];
  /** When a response with errors arrived, ms from the run's start. */
  errorTimes: number[];
}

const emptyPhase = (): PhaseFigures => ({ requests: 0, non2xx: 0, codes: {}, latencies: [], errorTimes: [] });
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function main() {
  const admin = await createConnection(SERVER_URL);
  await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const redisProxy = await startFaultProxy(REDIS);
  const keyFile = join(mkdtempSync(join(tmpdir(), 'lg-faults-')), 'issuer.json');
  const baseEnv = {
    APP_NAME: 'amal',
    DATABASE_URL: `${SERVER_URL}/${database}`,
    REDIS_URL: `redis://127.0.0.1:${redisProxy.port}`,
    REDIS_KEY_PREFIX: `bench-faults:${run}:`,
    CONTEXT_SECRETS: `bench-${run}`,
    DEV_ISSUER_KEY_FILE: keyFile,
    LOG_LEVEL: 'silent',
    ...BENCH_RATE_LIMITS,
  };
  const subgraphs: ServerProcess[] = [];
  let gateway: ObservedGateway | undefined;
  try {
    const config = loadConfig({ ...process.env, ...baseEnv });
    const seeding = createAppRuntime(config, { redis: false });
    await migrate(seeding.database.pool, 'amal');
    await seedDemo(seeding);
    await seeding.close();

    const startSubgraph = (i: number) => startServer('bench/servers/subgraph.ts', [SUBGRAPH_NAMES[i]!], { ...baseEnv, PORT: String(subgraphPort(i)) });
    for (const [i] of SUBGRAPH_NAMES.entries()) subgraphs.push(await startSubgraph(i));
    const gatewayEnv = {
      ...baseEnv,
      PORT: String(GATEWAY_PORT),
      SUBGRAPH_TRANSPORT: 'http',
      ...Object.fromEntries(SUBGRAPH_NAMES.map((name, i) => [`SUBGRAPH_URL_${name.toUpperCase()}`, `http://127.0.0.1:${subgraphPort(i)}/graphql`])),
      SUBGRAPH_TIMEOUT_MS: '1000',
      REQUEST_DEADLINE_MS: '5000',
      CIRCUIT_OPEN_MS: '1000',
    };
    // The default lifetime, whatever the caller's environment says.
    const keptSeconds = String(loadConfig(baseEnv).responseCacheTtlSeconds);
    // On: the dashboard's answers kept per viewer (RESPONSE_CACHE=all; off by default).
    const responseCacheEnv = (cache: ResponseCache) => ({ CACHE: 'on', RESPONSE_CACHE: cache === 'on' ? 'all' : 'off', RESPONSE_CACHE_TTL_SECONDS: keptSeconds });

    const issuer = await loadDevIssuer(keyFile, config.auth.issuer, config.auth.audience);
    const token = await issuer.mint({ userId: String(DEMO.teacher), role: 'TEACHER' });
    const request = { method: 'POST' as const, path: '/', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: CLASSROOM_DASHBOARD, variables: { id: String(DEMO.classroom) } }) };

    let rate: number | undefined;
    for (const cache of RESPONSE_CACHES) {
      gateway = await startObservedGateway({ ...gatewayEnv, ...responseCacheEnv(cache) });
      // Every table at one rate, so they differ only by the response cache.
      rate ??= await calibrate(gateway.url, request, cache);
      if (values.soak) await soak(gateway, request, Math.max(1, Math.floor(rate * 0.7)), cache);
      else await faultRun(gateway.url, request, rate, cache, { subgraphs, startSubgraph, redisProxy, admin });
      await stopChild(gateway.child);
      gateway = undefined;
    }
  } finally {
    if (gateway) await stopChild(gateway.child);
    for (const each of subgraphs) await each.stop();
    await redisProxy.close();
    await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await admin.end();
  }
}

function responseCachesOf(flag: string | undefined): ResponseCache[] {
  if (flag === 'both') return ['off', 'on'];
  if (flag === 'off' || flag === 'on') return [flag];
  throw new Error(`--response-cache must be off, on or both, not "${flag}"`);
}

const describeCache = (cache: ResponseCache) => (cache === 'on' ? 'response cache on (RESPONSE_CACHE=all)' : 'response cache off (the default)');

async function calibrate(url: string, request: Request, cache: ResponseCache): Promise<number> {
  const calibration = await autocannon({ url, requests: [request], duration: 5, connections: CONNECTIONS });
  const rate = Math.max(1, Math.floor(calibration.requests.average));
  console.log(`Calibration, ${describeCache(cache)}: ${rate} dashboards/s sustained (${CONNECTIONS} connections, 5 s, p50 ${calibration.latency.p50} ms, p99 ${calibration.latency.p99} ms)`);
  return rate;
}

type Request = { method: 'POST'; path: string; headers: Record<string, string>; body: string };

async function faultRun(url: string, request: Request, rate: number, cache: ResponseCache, rig: {
  subgraphs: ServerProcess[];
  startSubgraph: (i: number) => Promise<ServerProcess>;
  redisProxy: Awaited<ReturnType<typeof startFaultProxy>>;
  admin: Awaited<ReturnType<typeof createConnection>>;
}) {
  const memory = SUBGRAPH_NAMES.indexOf('memory');
  const phases = SCHEDULE.map(emptyPhase);
  const started = Date.now();
  const phaseAt = (ms: number) => SCHEDULE.findLastIndex((step) => step.at * 1000 <= ms);
  let dbKiller: NodeJS.Timeout | undefined;
  const timers: NodeJS.Timeout[] = [];
  let connectionsKilled = 0;

  const faults: Record<string, () => Promise<void>> = {
    'kill-subgraph': () => rig.subgraphs[memory]!.stop(),
    // The killed process leaves the list: only live ones are stopped at the end.
    'restart-subgraph': async () => void (rig.subgraphs[memory] = await rig.startSubgraph(memory)),
    'cut-redis': () => rig.redisProxy.set({ kind: 'refuse' }),
    'restore-redis': () => rig.redisProxy.set({ kind: 'pass' }),
    'kill-db': async () => {
      const kill = async () => {
        const [rows] = await rig.admin.query('SELECT ID AS id FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()', [database]);
        for (const { id } of rows as { id: number }[]) {
          await rig.admin.query('KILL CONNECTION ?', [id]).then(() => connectionsKilled++, () => undefined);
        }
      };
      await kill();
      dbKiller = setInterval(() => void kill(), 1_000);
    },
    'stop-db-kills': async () => clearInterval(dbKiller),
  };
  let faultFailed: unknown;
  await new Promise<void>((resolve, reject) => {
    const instance = autocannon({
      url,
      duration: RUN_SECONDS,
      connections: CONNECTIONS,
      overallRate: rate,
      requests: [{
        ...request,
        onResponse: (status: number, body: string) => {
          const at = Date.now() - started;
          const phase = phases[phaseAt(at)]!;
          phase.requests++;
          if (status < 200 || status >= 300) phase.non2xx++;
          const codes = [...body.matchAll(/"code":"([A-Z_]+)"/g)].map((match) => match[1]!);
          for (const code of codes) phase.codes[code] = (phase.codes[code] ?? 0) + 1;
          if (codes.length > 0 || status >= 300) phase.errorTimes.push(at);
        },
      }],
    }, (error) => (error ? reject(error) : resolve()));
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      phases[phaseAt(Date.now() - started)]!.latencies.push(responseTime);
    });
    // A fault that fails (a subgraph that does not start again) ends the run, so `main` still stops every process.
    const inject = (fault: string) => faults[fault]!().catch((error: unknown) => {
      faultFailed = error;
      instance.stop();
    });
    timers.push(...SCHEDULE.flatMap((step) => ('fault' in step ? [setTimeout(() => void inject(step.fault), step.at * 1000)] : [])));
  });
  timers.forEach(clearTimeout);
  clearInterval(dbKiller);
  if (faultFailed) throw faultFailed;

  console.log(`\nFault run, ${describeCache(cache)}: 60 s of the classroom dashboard at ${rate}/s (${CONNECTIONS} connections)\n`);
  console.log('| phase | s | requests | non-2xx | GraphQL errors by code | p50 ms | p99 ms | errors back to zero after |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  SCHEDULE.forEach((step, i) => {
    const phase = phases[i]!;
    const sorted = phase.latencies.sort((a, b) => a - b);
    const codes = Object.entries(phase.codes).map(([code, n]) => `${code} ${n}`).join(', ') || 'none';
    const end = SCHEDULE[i + 1]?.at ?? RUN_SECONDS;
    const recovery = 'endsFault' in step ? `${(Math.max(0, (phase.errorTimes.at(-1) ?? step.at * 1000) - step.at * 1000) / 1000).toFixed(1)} s` : '';
    console.log(`| ${step.phase} | ${step.at}-${end} | ${phase.requests} | ${phase.non2xx} | ${codes} | ${Math.round(percentile(sorted, 50))} | ${Math.round(percentile(sorted, 99))} | ${recovery} |`);
  });
  console.log(`\nMariaDB connections killed: ${connectionsKilled}. Recovery: seconds from a fault's end until the last response with an error (the restart includes the subgraph process starting).`);
}

async function soak(gateway: ObservedGateway, request: Request, rate: number, cache: ResponseCache) {
  const SECONDS = 300;
  await sleep(5_500);
  const start = gateway.heap();
  const result = await autocannon({ url: gateway.url, requests: [request], duration: SECONDS, connections: CONNECTIONS, overallRate: rate });
  await sleep(5_500);
  const end = gateway.heap();
  const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  console.log(`\nSoak, ${describeCache(cache)}: ${SECONDS} s at ${rate}/s (70% of the calibrated rate): ${result.requests.total} requests, ${result.non2xx} non-2xx, ${result.errors} errors, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
  console.log(`Gateway live heap after a full GC: ${mib(start)} MiB at the start, ${mib(end)} MiB at the end, growth ${mib(end - start)} MiB`);
}

interface ObservedGateway {
  url: string;
  child: ChildProcess;
  /** The last live-heap figure the gateway printed, in bytes. */
  heap(): number;
}

function startObservedGateway(env: Record<string, string>): Promise<ObservedGateway> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/servers/observedGateway.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let heap = 0;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the gateway did not start within 60 s:\n${output}`)), 60_000);
    child.stderr.on('data', (chunk) => (output += chunk));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
      for (const [, bytes] of String(chunk).matchAll(/^heap (\d+)$/gm)) heap = Number(bytes);
      const ready = /^ready (\S+)$/m.exec(output);
      if (ready?.[1] && timer.hasRef()) {
        clearTimeout(timer);
        timer.unref();
        resolve({ url: ready[1], child, heap: () => heap });
      }
    });
    child.once('exit', (code) => reject(new Error(`the gateway exited with ${code}:\n${output}`)));
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

await main();
process.exit(0);
