/**
 * Cold start, the way Lambda meets it: a fresh `node` loads one bundle and answers one API Gateway
 * v2 event (`{ __typename }`, answered by each handler itself, signed for the subgraphs); the time
 * is `performance.now()` (since process start) when the answer is in hand. The environment is the
 * deployed one (production, `--enable-source-maps`, the gateway on the lambda transport) against
 * the local MariaDB and Redis, which answering `{ __typename }` never waits for.
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LAMBDA_BUNDLES } from '../../infra/bundles.js';
import { SUBGRAPH_NAMES } from '../../schema/subgraphs.js';
import { CONTEXT_HEADER, signContext } from '../../runtime/security/signedContext.js';
import { invocationEvent } from '../../gateway/datasources/lambdaPayload.js';
import { bundleLambda, type BundleSize } from '../../scripts/bundle.js';

export const BARE = 'bare Apollo';

export interface ColdStarts {
  name: string;
  bytes: BundleSize;
  ms: number[];
  /** After the first answer: the process's resident set and the V8 heap in use, in bytes. */
  rss: number[];
  heapUsed: number[];
}

interface FirstAnswer { ms: number; rss: number; heapUsed: number }

const secret = randomBytes(32).toString('hex');

const environment = (service: string): Record<string, string> => ({
  PATH: process.env.PATH ?? '',
  NODE_ENV: 'production',
  NODE_OPTIONS: '--enable-source-maps',
  AWS_REGION: 'eu-west-1',
  APP_NAME: 'amal',
  DATABASE_URL: 'mysql://root@127.0.0.1:3306/learning',
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
    ? { [CONTEXT_HEADER]: signContext({ viewer: { kind: 'anonymous' }, app: 'amal', requestId: randomUUID() }, secret, Date.now() + 3_600_000) }
    : {};
  return JSON.stringify(invocationEvent({ query: '{ __typename }' }, headers, randomUUID()));
}

// Runs in the fresh process: load the bundle, answer one event, report and leave (open sockets would keep it alive).
const FIRST_EVENT = `
const { handler } = await import(process.argv[1]);
const context = { functionName: 'bench', awsRequestId: crypto.randomUUID(), getRemainingTimeInMillis: () => 15000 };
const result = await handler(JSON.parse(process.env.BENCH_EVENT), context, () => {});
const ms = performance.now();
const { rss, heapUsed } = process.memoryUsage();
process.stdout.write('\\nBENCH ' + JSON.stringify({ ms, rss, heapUsed, status: result.statusCode, body: result.body }) + '\\n');
process.exit(0);
`;

/** One cold start of `bundle` (Lambda `name`); `nodeArgs` go to node (`--cpu-prof`, say). */
export function coldStart(bundle: string, name: string, nodeArgs: string[] = []): Promise<FirstAnswer> {
  const child = spawn(process.execPath, [...nodeArgs, '--input-type=module', '-e', FIRST_EVENT, bundle], {
    env: { ...environment(name), BENCH_EVENT: eventFor(name) },
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
      const { status, body, ...answer } = report ? (JSON.parse(report) as FirstAnswer & { status: number; body: string }) : { ms: NaN, rss: NaN, heapUsed: NaN, status: 0, body: '' };
      if (status === 200 && body.includes('"__typename":"Query"')) resolve(answer);
      else reject(new Error(`${name} did not answer { __typename }:\n${output.slice(-2000)}`));
    });
  });
}

/**
 * The bare Apollo handler and each API bundle, built as `npm run build` builds them; one
 * unmeasured run each (the page cache), then `runs` interleaved runs.
 */
export async function measureColdStarts(names: (keyof typeof LAMBDA_BUNDLES)[], runs: number): Promise<ColdStarts[]> {
  // Inside the repo, so that `@aws-sdk/*` (external, as the Lambda runtime provides it) resolves from node_modules.
  const local = fileURLToPath(new URL('../../.local/', import.meta.url));
  mkdirSync(local, { recursive: true });
  const dir = mkdtempSync(join(local, 'bench-lambda-'));
  try {
    const entries: [string, string][] = [[BARE, 'bench/lambda/bareApollo.ts'], ...names.map((name): [string, string] => [name, LAMBDA_BUNDLES[name]])];
    const bundles: (ColdStarts & { file: string })[] = [];
    for (const [name, entry] of entries) {
      bundles.push({ name, file: join(dir, name, 'index.mjs'), bytes: await bundleLambda(entry, join(dir, name), { plain: name === BARE }), ms: [], rss: [], heapUsed: [] });
    }
    for (const { file, name } of bundles) await coldStart(file, name);
    for (let run = 0; run < runs; run++) {
      for (const bundle of bundles) {
        const { ms, rss, heapUsed } = await coldStart(bundle.file, bundle.name);
        bundle.ms.push(ms);
        bundle.rss.push(rss);
        bundle.heapUsed.push(heapUsed);
      }
    }
    return bundles.map(({ file: _file, ...measured }) => measured);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
