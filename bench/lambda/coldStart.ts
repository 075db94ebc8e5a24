/**
 * Cold start, the way Lambda meets it: a fresh `node` loads one bundle and answers one API Gateway
 * v2 event (`{ __typename }`, answered by each handler itself, signed for the subgraphs); the time
 * is `performance.now()` (since process start) when the answer is in hand. The environment is the
 * deployed one (production, `--enable-source-maps`, the gateway on the lambda transport) against
 * the local MariaDB and Redis, which answering `{ __typename }` never waits for.
 *
 * The bundle runs as Lambda runs it: from a read-only, root-owned copy standing for `/var/task`
 * (the working directory, `LAMBDA_TASK_ROOT` and `HOME`), as another user (`nobody`), with one
 * private writable folder standing for `/tmp` (`TMPDIR`, so `os.tmpdir()` finds it), empty at each
 * start as in a new container. A start that writes anywhere else fails here as it would in AWS.
 * The AWS SDK, which the Lambda runtime provides, resolves from a `node_modules` above the copy.
 * The backing services are as in AWS: a migrated database of the bench's own (a subgraph connects
 * at init, and an error there, a missing database, would cost the start a stack trace formatted
 * through the source maps), credentials in the environment, and a Lambda Invoke API on 127.0.0.1
 * that answers the cold gateway's warm-ups of its subgraphs at once.
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, chownSync, cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConnection } from 'mysql2/promise';
import { LAMBDA_BUNDLES } from '../../infra/bundles.js';
import { migrate } from '../../migrations/index.js';
import { createDatabaseClient } from '../../runtime/clients/mysql.js';
import { startLambdaEndpoint } from '../../test/support/lambdaEndpoint.js';
import { SUBGRAPH_NAMES } from '../../schema/subgraphs.js';
import { CONTEXT_HEADER, signContext } from '../../runtime/security/signedContext.js';
import { invocationEvent } from '../../runtime/serve/invocationEvent.js';
import { bundleLambda, type BundleSize } from '../../scripts/bundle.js';

export const BARE = 'bare Apollo';

export interface ColdStarts {
  name: string;
  /** The Node that ran it (`--node`), when not this process's own. */
  node: string;
  bytes: BundleSize;
  ms: number[];
  /** CPU time (user and system, every thread) to the first answer: less moved than `ms` by other work on the machine. */
  cpuMs: number[];
  /** After the first answer: the process's resident set and the V8 heap in use, in bytes. */
  rss: number[];
  heapUsed: number[];
}

interface FirstAnswer { ms: number; cpuMs: number; rss: number; heapUsed: number }

const secret = randomBytes(32).toString('hex');

const server = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
const database = `lg_bench_cold_${randomUUID().slice(0, 8)}`;

/**
 * Runs `use` with the bench's backing services: its database made and migrated for the app (dropped
 * after) and the Invoke API; `use` gets the variables that point the functions at them.
 */
export async function withColdStartBackends<T>(use: (env: Record<string, string>) => Promise<T>): Promise<T> {
  const admin = await createConnection(server);
  const warmed = async () => ({ warmed: true, ms: 1 });
  const endpoint = await startLambdaEndpoint(Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`amal-${name}`, warmed])));
  try {
    await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    const client = createDatabaseClient(`${server}/${database}`);
    await migrate(client.pool, 'amal');
    await client.close();
    return await use({ AWS_ENDPOINT_URL_LAMBDA: endpoint.url });
  } finally {
    await endpoint.close();
    await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await admin.end();
  }
}

const environment = (service: string): Record<string, string> => ({
  PATH: process.env.PATH ?? '',
  NODE_ENV: 'production',
  NODE_OPTIONS: '--enable-source-maps',
  AWS_REGION: 'eu-west-1',
  // As Lambda gives its functions their role's credentials.
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_SESSION_TOKEN: 'bench',
  APP_NAME: 'amal',
  DATABASE_URL: `${server}/${database}`,
  DATABASE_POOL_SIZE: '2',
  REDIS_URL: 'redis://127.0.0.1:6379',
  CONTEXT_SECRETS: secret,
  AUTH_ISSUER: 'https://cognito-idp.eu-west-1.amazonaws.com/bench',
  AUTH_AUDIENCE: 'bench',
  // Never fetched: the events carry no token.
  AUTH_JWKS_URL: 'http://127.0.0.1:9/.well-known/jwks.json',
  OPERATION_SAFELIST: 'off',
  SUBGRAPH_TRANSPORT: 'lambda',
  ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`SUBGRAPH_FUNCTION_${name.toUpperCase()}`, `amal-${name}`])),
  POWERTOOLS_SERVICE_NAME: service,
  LOG_LEVEL: 'info',
});

function eventFor(name: string): string {
  const headers: Record<string, string> = SUBGRAPH_NAMES.includes(name as never)
    ? { [CONTEXT_HEADER]: signContext({ viewer: { kind: 'anonymous' }, app: 'amal', requestId: randomUUID() }, { audience: name, secret, now: Date.now() + 3_600_000 }) }
    : {};
  return JSON.stringify(invocationEvent({ query: '{ __typename }' }, headers, randomUUID()));
}

// Runs in the fresh process: load the bundle, answer one event, report and leave (open sockets would keep it alive).
const FIRST_EVENT = `
const { handler } = await import(process.argv[1]);
const context = { functionName: 'bench', awsRequestId: crypto.randomUUID(), getRemainingTimeInMillis: () => 15000 };
const result = await handler(JSON.parse(process.env.BENCH_EVENT), context, () => {});
const ms = performance.now();
const { user, system } = process.cpuUsage();
const { rss, heapUsed } = process.memoryUsage();
process.stdout.write('\\nBENCH ' + JSON.stringify({ ms, cpuMs: (user + system) / 1000, rss, heapUsed, status: result.statusCode, body: result.body }) + '\\n');
process.exit(0);
`;

/** The user Lambda's code runs as here: `nobody` (we run as root; Lambda's user owns nothing in /var/task). */
function lambdaUser(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((entry) => entry.startsWith('nobody:'));
  if (!line) throw new Error('bench:lambda runs bundles as the user "nobody", which /etc/passwd does not list');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function readOnly(path: string): void {
  if (lstatSync(path).isDirectory()) {
    for (const entry of readdirSync(path)) readOnly(join(path, entry));
    chmodSync(path, 0o555);
  } else {
    chmodSync(path, 0o444);
  }
}

/** A bundle deployed as Lambda deploys it: `task` stands for /var/task, `tmp` for /tmp. */
export interface LambdaTask {
  /** The read-only copy of the bundle folder. */
  task: string;
  /** The only writable folder, owned by the function's user; `fresh()` empties it (a new container). */
  tmp: string;
  fresh(): void;
  remove(): void;
}

/** Copies the bundle folder `bundle` to a read-only `/var/task` of its own (in a root-owned folder under the OS's tmp). */
export function deployLocally(bundle: string): LambdaTask {
  const root = mkdtempSync(join(tmpdir(), 'lambda-'));
  chmodSync(root, 0o755);
  const task = join(root, 'var', 'task');
  cpSync(bundle, task, { recursive: true });
  mkdirSync(join(root, 'node_modules'));
  symlinkSync(fileURLToPath(new URL('../../node_modules/@aws-sdk', import.meta.url)), join(root, 'node_modules', '@aws-sdk'));
  readOnly(join(root, 'var'));
  chmodSync(join(root, 'node_modules'), 0o555);
  const tmp = join(root, 'tmp');
  const { uid, gid } = lambdaUser();
  return {
    task,
    tmp,
    fresh() {
      rmSync(tmp, { recursive: true, force: true });
      mkdirSync(tmp, { mode: 0o700 });
      chownSync(tmp, uid, gid);
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

export interface ColdStartOptions {
  /** Arguments for node (`--cpu-prof`, say). */
  nodeArgs?: string[];
  /** The Node binary. @default this process's */
  node?: string;
  /** Variables over the deployed environment's. */
  env?: Record<string, string>;
}

/** One cold start of the deployed bundle `at` (Lambda `name`), in a fresh container (an empty tmp); `env` from withColdStartBackends. */
export function coldStart(at: LambdaTask, name: string, { nodeArgs = [], node = process.execPath, env = {} }: ColdStartOptions = {}): Promise<FirstAnswer> {
  at.fresh();
  const child = spawn(node, [...nodeArgs, '--input-type=module', '-e', FIRST_EVENT, join(at.task, 'index.mjs')], {
    cwd: at.task,
    env: { ...environment(name), LAMBDA_TASK_ROOT: at.task, HOME: at.task, TMPDIR: at.tmp, BENCH_EVENT: eventFor(name), ...env },
    ...lambdaUser(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', () => {
      clearTimeout(timer);
      const report = /^BENCH (.+)$/m.exec(output)?.[1];
      const { status, body, ...answer } = report ? (JSON.parse(report) as FirstAnswer & { status: number; body: string }) : { ms: NaN, cpuMs: NaN, rss: NaN, heapUsed: NaN, status: 0, body: '' };
      if (status === 200 && body.includes('"__typename":"Query"')) resolve(answer);
      else reject(new Error(`${name} did not answer { __typename }:\n${output.slice(-2000)}`));
    });
  });
}

/**
 * The bare Apollo handler and each API bundle, built as `npm run build` builds them, under each
 * Node of `nodes` (the first is the one the ratios are to); one unmeasured run each (the page
 * cache), then `runs` interleaved runs.
 */
export function measureColdStarts(names: (keyof typeof LAMBDA_BUNDLES)[], runs: number, nodes: string[] = [process.execPath]): Promise<ColdStarts[]> {
  return withColdStartBackends((env) => measureEach(names, runs, nodes, env));
}

async function measureEach(names: (keyof typeof LAMBDA_BUNDLES)[], runs: number, nodes: string[], env: Record<string, string>): Promise<ColdStarts[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-lambda-'));
  const deployed: LambdaTask[] = [];
  try {
    const entries: [string, string][] = [[BARE, 'bench/lambda/bareApollo.ts'], ...names.map((name): [string, string] => [name, LAMBDA_BUNDLES[name]])];
    const bundles: (ColdStarts & { at: LambdaTask; binary: string })[] = [];
    for (const binary of nodes) {
      const node = binary === process.execPath ? '' : await nodeVersion(binary);
      for (const [name, entry] of entries) {
        const out = join(dir, `${name}-${bundles.length}`);
        const bytes = await bundleLambda(entry, out, { plain: name === BARE, node: binary });
        const at = deployLocally(out);
        deployed.push(at);
        bundles.push({ name, node, binary, at, bytes, ms: [], cpuMs: [], rss: [], heapUsed: [] });
      }
    }
    for (const { at, name, binary } of bundles) await coldStart(at, name, { node: binary, env });
    for (let run = 0; run < runs; run++) {
      for (const bundle of bundles) {
        const { ms, cpuMs, rss, heapUsed } = await coldStart(bundle.at, bundle.name, { node: bundle.binary, env });
        bundle.ms.push(ms);
        bundle.cpuMs.push(cpuMs);
        bundle.rss.push(rss);
        bundle.heapUsed.push(heapUsed);
      }
    }
    return bundles.map(({ at: _at, binary: _binary, ...measured }) => measured);
  } finally {
    for (const at of deployed) at.remove();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `v24.21.0`, say, of the Node binary at `binary`. */
export async function nodeVersion(binary: string): Promise<string> {
  const child = spawn(binary, ['--version'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  await new Promise((resolve) => child.once('exit', resolve));
  return output.trim();
}
