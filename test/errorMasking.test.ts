import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composedCacheHints } from '../gateway/cachePolicy.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppRuntime, type AppRuntime } from '../runtime/container/appDeps.js';
import { createLogger } from '../runtime/observability/logger.js';
import { SUBGRAPH_NAMES } from '../schema/subgraphs.js';
import type { SubgraphModule } from '../runtime/subgraph/contract.js';
import * as subgraphs from '../subgraphs/index.js';
import { readSdl } from '../schema/subgraphs.js';
import { createAuthenticator } from '../gateway/auth/authenticate.js';
import { loadDevIssuer, type DevIssuer } from '../gateway/auth/devIssuer.js';
import { createGateway } from '../gateway/server.js';
import { loadManifest } from '../gateway/manifest.js';
import { serveGateway } from '../scripts/localServers.js';
import { TEST_CONTEXT_SECRET } from './support/harness.js';
import { SERVER_URL } from './support/database.js';
import { createConnection } from 'mysql2/promise';
import { randomBytes } from 'node:crypto';

/**
 * A production gateway over a database without its tables: every resolver that reads fails inside
 * (a fault of ours, not an outage; an unreachable database is UNAVAILABLE, see test/faults).
 */
const logLines: Record<string, unknown>[] = [];
const emptyDatabase = `lg_test_empty_${process.pid}_${randomBytes(4).toString('hex')}`;
let runtime: AppRuntime;
let issuer: DevIssuer;
let url = '';
let close: () => Promise<void>;

beforeAll(async () => {
  const logger = createLogger('info', {}, (line) => logLines.push(JSON.parse(line)));
  const admin = await createConnection(SERVER_URL);
  await admin.query(`CREATE DATABASE \`${emptyDatabase}\``);
  await admin.end();
  runtime = createAppRuntime(
    { app: 'amal', databaseUrl: `${SERVER_URL}/${emptyDatabase}`, redisUrl: 'redis://127.0.0.1:1', redisKeyPrefix: 'test:', contextSecrets: [TEST_CONTEXT_SECRET], logLevel: 'info' },
    { logger, redis: false },
  );
  issuer = await loadDevIssuer(join(mkdtempSync(join(tmpdir(), 'lg-mask-')), 'k.json'), 'iss', 'aud');
  const gateway = createGateway({
    app: 'amal',
    supergraphSdl: readSdl('supergraph'),
    targets: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, { kind: 'local', subgraph: subgraphs[name] as SubgraphModule<never>, deps: runtime.deps }])),
    contextSecret: TEST_CONTEXT_SECRET,
    authenticate: createAuthenticator({ issuer: 'iss', audiences: ['aud'], app: 'amal', jwks: issuer.publicJwks }),
    logger,
    production: true,
    manifest: loadManifest(),
    cacheHints: composedCacheHints(),
    redis: undefined,
    redisKeyPrefix: 'test:',
  });
  ({ url, close } = await serveGateway(gateway, 0));
});
afterAll(async () => {
  await close();
  await runtime.close();
  const admin = await createConnection(SERVER_URL);
  await admin.query(`DROP DATABASE IF EXISTS \`${emptyDatabase}\``);
  await admin.end();
});

describe('an internal failure in production', () => {
  it('reaches the client masked, with a request id that is also in the log', async () => {
    const token = await issuer.mint({ userId: '2', role: 'PARENT' });
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': 'req-mask-1' }, body: JSON.stringify({ query: '{ me { displayName } }' }) });
    const body = (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };

    expect(response.status).toBe(200);
    expect(body.errors[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-mask-1' } });
    expect(JSON.stringify(body)).not.toMatch(/lg_test|exist|127\.0\.0\.1|mysql|select|amal_/i);
    const logged = logLines.find((line) => line.event === 'gateway.internal_error' && line.requestId === 'req-mask-1');
    expect(logged?.message).toMatch(/amal_users.*doesn't exist/i);
  });
});
