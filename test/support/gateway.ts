/** A real gateway over HTTP on a free port, for specs that go through the whole graph. */
import { afterAll, beforeAll } from 'vitest';
import { composedCacheHints } from '../../gateway/cachePolicy.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppName } from '../../runtime/tenancy.js';
import type { Viewer } from '../../runtime/security/signedContext.js';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../schema/subgraphs.js';
import type { SubgraphModule } from '../../runtime/subgraph/contract.js';
import * as subgraphs from '../../subgraphs/index.js';
import { readSdl } from '../../schema/subgraphs.js';
import { composeSupergraph, registeredSubgraphs, type SubgraphDefinition } from '../../schema/compose.js';
import { createAuthenticator, type Authenticate } from '../../gateway/auth/authenticate.js';
import { loadDevIssuer, type DevIssuer } from '../../gateway/auth/devIssuer.js';
import { createGateway, type Gateway, type GatewayOptions } from '../../gateway/server.js';
import { loadPlanFile } from '../../gateway/planning/planFile.js';
import type { AppRuntime } from '../../runtime/container/appDeps.js';
import { loadManifest, type PersistedQueryManifest } from '../../gateway/manifest.js';
import type { SubgraphTarget } from '../../gateway/datasources/index.js';
import { serveGateway, serveSubgraph } from '../../scripts/localServers.js';
import { lambdaClient } from '../../runtime/clients/lambda.js';
import { createSubgraphLambdaHandler } from '../../runtime/serve/lambda.js';
import { createTelemetry, type Telemetry } from '../../runtime/observability/telemetry.js';
import { startLambdaEndpoint, type LambdaEndpoint } from './lambdaEndpoint.js';
import { redisSettled, TEST_CONTEXT_SECRET, type TestApps } from './harness.js';
import type { CorsPolicy } from '../../runtime/serve/cors.js';
import type { ExplorerSignIn } from '../../gateway/explorer/signIn.js';

export interface GraphResponse {
  status: number;
  headers: Headers;
  body: { data?: Record<string, any> | null; errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[] };
}

export interface TestGateway {
  url: string;
  gateway: Gateway;
  /** The Invoke API the subgraph functions run behind, named `<app>-<subgraph>` (transport `lambda`). */
  lambda: LambdaEndpoint;
  /** How the gateway reaches each subgraph, for specs that call one transport directly. */
  targets: Record<string, SubgraphTarget>;
  token(viewer: Viewer): Promise<string | undefined>;
  /** POSTs an operation as `as` (anonymous by default). */
  query(query: string, options?: { variables?: Record<string, unknown>; as?: Viewer; headers?: Record<string, string> }): Promise<GraphResponse>;
  /** POSTs a raw body, for malformed requests. */
  post(body: string, headers?: Record<string, string>): Promise<GraphResponse>;
}

export interface UseGatewayOptions extends Partial<Pick<GatewayOptions, 'requestDeadlineMs' | 'subgraphResilience' | 'logger' | 'responseCacheTtlSeconds' | 'responseCacheKeeps' | 'rateLimits'>> {
  app?: AppName;
  transport?: 'local' | 'http' | 'lambda';
  production?: boolean;
  safelist?: boolean;
  /** The runtime the gateway and its subgraphs use. @default apps.runtime(app) */
  runtime?: () => AppRuntime;
  /** The telemetry of each subgraph function (transport `lambda`), also its clients' logger. @default silent */
  telemetry?: (functionName: string) => Telemetry;
  /** Where the gateway reaches an HTTP subgraph served at `url` (a fault proxy, say). @default url */
  route?: (name: string, url: string) => Promise<string>;
  /** Modules served in place of ours, by name, on whichever transport (a subgraph made slow, say). */
  modules?: Partial<Record<SubgraphName, SubgraphModule<never>>>;
  /** Other teams' subgraphs, composed with ours into the supergraph served (read when the gateway starts). */
  external?: () => { definition: SubgraphDefinition; target: SubgraphTarget }[];
  /** The browser origins the gateway's front answers CORS for (read when it starts). @default none: no CORS headers */
  cors?: () => CorsPolicy;
  /** The persisted query manifest served (read when the gateway starts). @default the shipped one */
  manifest?: () => PersistedQueryManifest;
  /** How the gateway verifies tokens (read when it starts); `token()` mints none it accepts then. @default the key set of a test issuer */
  authenticate?: () => Authenticate;
  /** How the explorer signs admins in (read when the gateway starts). @default none: tokens are pasted */
  explorerSignIn?: () => ExplorerSignIn;
}

/**
 * Starts the gateway for `app` once per file. `transport: 'http'` also starts every subgraph as
 * its own HTTP server, as `npm run start:http` does; `transport: 'lambda'` runs every subgraph's
 * Lambda handler behind a local Invoke API that the gateway calls through the real AWS SDK.
 */
export function useGateway(apps: TestApps, options: UseGatewayOptions = {}): TestGateway {
  const app = options.app ?? 'amal';
  let issuer: DevIssuer;
  let url = '';
  let gateway: Gateway | undefined;
  let lambda: LambdaEndpoint | undefined;
  const targets: Record<string, SubgraphTarget> = {};
  const stops: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    const runtime = options.runtime?.() ?? apps.runtime(app);
    await redisSettled(runtime);
    issuer = await loadDevIssuer(join(mkdtempSync(join(tmpdir(), 'lg-issuer-')), 'key.json'), 'test-issuer', 'test-audience');
    const functionName = (name: string) => `${app}-${name}`;
    const moduleOf = (name: SubgraphName) => options.modules?.[name] ?? (subgraphs[name] as SubgraphModule<never>);
    if (options.transport === 'lambda') {
      const functions = SUBGRAPH_NAMES.map((name) => {
        const telemetry = options.telemetry?.(functionName(name));
        // As in AWS (runtime/serve/coldStart.ts), a function's clients log through its telemetry.
        const functionRuntime = telemetry ? { ...runtime, deps: { ...runtime.deps, logger: telemetry.logger } } : runtime;
        const handler = createSubgraphLambdaHandler(moduleOf(name), functionRuntime, telemetry ?? createTelemetry({ app, logLevel: 'silent' }));
        return [functionName(name), handler] as const;
      });
      lambda = await startLambdaEndpoint(Object.fromEntries(functions));
      stops.push(lambda.close);
    }
    for (const name of SUBGRAPH_NAMES) {
      const module = moduleOf(name);
      if (options.transport === 'http') {
        const served = await serveSubgraph(module, runtime, 0);
        stops.push(served.close);
        targets[name] = { kind: 'http', url: (await options.route?.(name, served.url)) ?? served.url, contextSecret: TEST_CONTEXT_SECRET };
      } else if (lambda) {
        targets[name] = { kind: 'lambda', functionName: functionName(name), contextSecret: TEST_CONTEXT_SECRET, client: lambdaClient(lambda.url) };
      } else {
        targets[name] = { kind: 'local', subgraph: module, deps: runtime.deps };
      }
    }
    for (const { definition, target } of options.external?.() ?? []) targets[definition.name] = target;
    gateway = createGateway({
      app,
      supergraphSdl: options.external ? composedWith(options.external()) : readSdl('supergraph'),
      // The shipped plans, as deployed; a supergraph with another team's subgraph plans as it goes.
      plans: options.external ? undefined : loadPlanFile(),
      targets,
      contextSecret: TEST_CONTEXT_SECRET,
      authenticate: options.authenticate?.() ?? createAuthenticator({ issuer: issuer.issuer, audiences: [issuer.audience], app, jwks: issuer.publicJwks }),
      logger: options.logger ?? runtime.deps.logger,
      requestDeadlineMs: options.requestDeadlineMs,
      subgraphResilience: options.subgraphResilience,
      production: options.production,
      safelist: options.safelist,
      manifest: options.manifest?.() ?? loadManifest(),
      cacheHints: composedCacheHints(),
      redis: runtime.deps.redis,
      redisKeyPrefix: runtime.deps.redisKeyPrefix,
      // Every answer kept (RESPONSE_CACHE=all), so every spec that reads after a write also checks the response cache.
      responseCacheTtlSeconds: options.responseCacheTtlSeconds ?? 30,
      responseCacheKeeps: options.responseCacheKeeps ?? 'all',
      applyPendingInvalidations: () => runtime.deps.cache.applyPendingInvalidations(),
      // Off unless a spec asks: the other specs send far more than a minute's budget.
      rateLimits: options.rateLimits,
    });
    const served = await serveGateway(gateway, 0, runtime.deps, options.cors?.(), options.explorerSignIn?.());
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
    get lambda() { if (!lambda) throw new Error("useGateway: only with transport: 'lambda', inside specs"); return lambda; },
    get targets() { if (!gateway) throw new Error('useGateway: only inside specs'); return targets; },
    token,
    post,
    async query(query, { variables, as, headers = {} } = {}) {
      const bearer = as ? await token(as) : undefined;
      return post(JSON.stringify({ query, variables }), { ...headers, ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) });
    },
  };
}

function composedWith(external: { definition: SubgraphDefinition }[]): string {
  const composition = composeSupergraph([...registeredSubgraphs(), ...external.map(({ definition }) => definition)]);
  if (!composition.ok) throw new Error(`The external subgraphs do not compose: ${composition.errors.join('; ')}`);
  return composition.supergraphSdl;
}
