/** A real gateway over HTTP on a free port, for specs that go through the whole graph. */
import { afterAll, beforeAll } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppName } from '../../runtime/tenancy.js';
import type { Viewer } from '../../runtime/signedContext.js';
import { SUBGRAPH_NAMES } from '../../runtime/config.js';
import type { SubgraphModule } from '../../runtime/subgraph.js';
import * as subgraphs from '../../subgraphs/index.js';
import { readSdl } from '../../schema/subgraphs.js';
import { createAuthenticator } from '../../gateway/auth/authenticate.js';
import { loadDevIssuer, type DevIssuer } from '../../gateway/auth/devIssuer.js';
import { createGateway, type Gateway } from '../../gateway/server.js';
import { loadManifest } from '../../gateway/safelist.js';
import type { SubgraphTarget } from '../../gateway/datasources/index.js';
import { serveGateway, serveSubgraph } from '../../scripts/localServers.js';
import { TEST_CONTEXT_SECRET, type TestApps } from './harness.js';

export interface GraphResponse {
  status: number;
  headers: Headers;
  body: { data?: Record<string, any> | null; errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[] };
}

export interface TestGateway {
  url: string;
  gateway: Gateway;
  token(viewer: Viewer): Promise<string | undefined>;
  /** POSTs an operation as `as` (anonymous by default). */
  query(query: string, options?: { variables?: Record<string, unknown>; as?: Viewer; headers?: Record<string, string> }): Promise<GraphResponse>;
  /** POSTs a raw body, for malformed requests. */
  post(body: string, headers?: Record<string, string>): Promise<GraphResponse>;
}

/**
 * Starts the gateway for `app` once per file. `transport: 'http'` also starts every subgraph as
 * its own HTTP server, as `npm run start:http` does.
 */
export function useGateway(apps: TestApps, options: { app?: AppName; transport?: 'local' | 'http'; production?: boolean; safelist?: boolean } = {}): TestGateway {
  const app = options.app ?? 'amal';
  let issuer: DevIssuer;
  let url = '';
  let gateway: Gateway | undefined;
  const stops: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    const runtime = apps.runtime(app);
    issuer = await loadDevIssuer(join(mkdtempSync(join(tmpdir(), 'lg-issuer-')), 'key.json'), 'test-issuer', 'test-audience');
    const targets: Record<string, SubgraphTarget> = {};
    for (const name of SUBGRAPH_NAMES) {
      const module = subgraphs[name] as SubgraphModule<never>;
      if (options.transport === 'http') {
        const served = await serveSubgraph(module, runtime, 0);
        stops.push(served.close);
        targets[name] = { kind: 'http', url: served.url, contextSecret: TEST_CONTEXT_SECRET };
      } else {
        targets[name] = { kind: 'local', subgraph: module, deps: runtime.deps };
      }
    }
    gateway = createGateway({
      app,
      supergraphSdl: readSdl('supergraph'),
      targets,
      contextSecret: TEST_CONTEXT_SECRET,
      authenticate: createAuthenticator({ issuer: issuer.issuer, audience: issuer.audience, app, jwks: issuer.publicJwks }),
      logger: runtime.deps.logger,
      production: options.production,
      safelist: options.safelist,
      manifest: loadManifest(),
      redis: runtime.deps.redis,
      redisKeyPrefix: runtime.deps.redisKeyPrefix,
    });
    const served = await serveGateway(gateway, 0);
    url = served.url;
    stops.push(served.close);
  });
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
  });

  const post = async (body: string, headers: Record<string, string> = {}): Promise<GraphResponse> => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const text = await response.text();
    let parsed: GraphResponse['body'];
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`Gateway answered ${response.status} with a non-JSON body: ${text.slice(0, 300)}`);
    }
    return { status: response.status, headers: response.headers, body: parsed };
  };
  const token = async (viewer: Viewer) => (viewer.kind === 'user' ? issuer.mint({ userId: viewer.userId, role: viewer.role }) : undefined);

  return {
    get url() { return url; },
    get gateway() { if (!gateway) throw new Error('useGateway: only inside specs'); return gateway; },
    token,
    post,
    async query(query, { variables, as, headers = {} } = {}) {
      const bearer = as ? await token(as) : undefined;
      return post(JSON.stringify({ query, variables }), { ...headers, ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) });
    },
  };
}
