/**
 * `npm run bench:profile`: where this gateway's time goes. Runs the client mix for `--seconds`
 * against the in-process gateway started with `--cpu-prof`, then prints the self time of the top
 * functions and of each package (node_modules/<package>, or this project's own files).
 */
import { BENCH_RATE_LIMITS } from './rateLimits.js';
import { parseArgs } from 'node:util';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../runtime/config.js';
import { loadDevIssuer } from '../gateway/auth/devIssuer.js';
import type { Viewer } from '../runtime/security/signedContext.js';
import { createBenchDatabase } from './database.js';
import { startServer } from './processes.js';
import { MIX, mixRequests } from './mix.js';
import { load } from './load.js';
import { printProfile } from './cpuProfile.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, only: { type: 'string' } } });
/** `--only ClassroomDashboard`: profile one operation instead of the whole mix. */
const mix = values.only ? MIX.filter((operation) => operation.name.includes(values.only!)) : MIX;
if (mix.length === 0) throw new Error(`No operation of the mix matches "${values.only}"`);
const run = randomUUID().slice(0, 8);
const profileDir = mkdtempSync(join(tmpdir(), 'lg-profile-'));
const env = {
  APP_NAME: 'amal', CONTEXT_SECRETS: `bench-${run}`, LOG_LEVEL: 'error', PORT: '4100', REDIS_KEY_PREFIX: `bench:${run}:`,
  DEV_ISSUER_KEY_FILE: join(profileDir, 'issuer.json'), APOLLO_TELEMETRY_DISABLED: 'true', ...BENCH_RATE_LIMITS,
  NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}`,
};
const database = await createBenchDatabase(`lg_bench_${run}`, env);
try {
  const config = loadConfig({ ...process.env, ...env, DATABASE_URL: database.url });
  const issuer = await loadDevIssuer(env.DEV_ISSUER_KEY_FILE, config.auth.issuer, config.auth.audience);
  const tokens = new Map<string, string>();
  for (const { viewer } of mix) tokens.set(viewer.userId, await issuer.mint({ userId: viewer.userId, role: viewer.role }));
  const gateway = await startServer('bench/servers/gateway.ts', [], { ...env, DATABASE_URL: database.url, SUBGRAPH_TRANSPORT: 'local' });
  const requests = mixRequests((viewer: Viewer): Record<string, string> => (viewer.kind === 'user' ? { authorization: `Bearer ${tokens.get(viewer.userId)}` } : {}), mix);
  await load(gateway.url, requests, { seconds: 2, connections: 10 });
  const result = await load(gateway.url, requests, { seconds: Number(values.seconds), connections: 10 });
  await gateway.stop();
  console.log(`${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.p50} ms while profiling\n`);
  printProfile(profileDir);
} finally {
  await database.drop();
}
