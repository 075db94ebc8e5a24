/** Local HTTP serving for `npm start` and `npm run start:http`: the same gateway and subgraphs as in AWS. */
import { loadGatewayConfig, type GatewayConfig } from '../gateway/config.js';
import { createAppRuntime, type AppRuntime } from '../runtime/container/appDeps.js';
import { ensureDatabase } from '../runtime/clients/mysql.js';
import { configOrExit, orExitIfUserFixable } from './cli.js';
import { CONTEXT_HEADER } from '../runtime/security/signedContext.js';
import { header, serveHttp, type RunningHttpServer } from '../runtime/serve/httpServer.js';
import type { BaseContext, SubgraphModule } from '../runtime/subgraph/contract.js';
import { contextFromSignedHeader } from '../runtime/subgraph/signIn.js';
import { createSubgraphServer } from '../runtime/subgraph/server.js';
import { migrate } from '../migrations/index.js';
import { isSeeded, seedDemo } from '../seed/demo.js';
import type { Gateway } from '../gateway/server.js';
import { explorerBundle } from '../gateway/explorer/bundle.js';
import { explorerRoutes } from '../gateway/explorer/routes.js';
import { readinessDetailFor, subgraphReadinessChecks } from '../gateway/readiness.js';
import { backingServiceChecks, healthRoutes } from '../runtime/serve/health.js';
import type { CorsPolicy } from '../runtime/serve/cors.js';
import type { ExplorerSignIn } from '../gateway/explorer/signIn.js';
import { EXPLORER_PATH } from '../gateway/explorer/routes.js';
import { serveDevSignIn, type RunningDevSignIn } from './devSignIn/provider.js';

/**
 * The graph on `/` and `/graphql`, the explorer on /explorer (its bundle built on first use), and
 * `/health` and `/ready` (every subgraph, plus the MySQL and Redis of `backing` when given; each
 * check shown to admins only, runtime/serve/health.ts);
 * browsers on the origins of `cors` may call it (none: same-origin only); the explorer signs admins
 * in with `explorerSignIn` (none: they paste a token).
 */
export async function serveGateway(gateway: Gateway, port: number, backing?: Parameters<typeof backingServiceChecks>[0], cors?: CorsPolicy, explorerSignIn?: ExplorerSignIn): Promise<RunningHttpServer> {
  const readiness = () => [...(backing ? backingServiceChecks(backing) : []), ...subgraphReadinessChecks(gateway)];
  const routes = { ...explorerRoutes(await explorerBundle(), explorerSignIn), ...healthRoutes(readiness, { mayDetail: readinessDetailFor(gateway) }) };
  return serveHttp(gateway.server, (request) =>
    // The socket's peer: nothing in front of this server is trusted to name the client.
    gateway.contextFor({ authorization: header(request.headers.authorization), requestId: header(request.headers['x-request-id']), clientAddress: request.socket.remoteAddress }), { port, routes, cors });
}

/**
 * The development sign-in at AUTH_ISSUER when DEV_SIGN_IN is on (gateway/config.ts), for the
 * explorer of the gateway served at `gatewayUrl` (by IP or as localhost).
 */
export async function serveDevSignInFor(config: GatewayConfig, gatewayUrl: string): Promise<RunningDevSignIn | undefined> {
  if (!config.devSignIn) return undefined;
  const explorer = new URL(EXPLORER_PATH, gatewayUrl);
  const explorerUrls = [explorer.href, new URL(`${explorer.pathname}`, `http://localhost:${explorer.port}`).href];
  return orExitIfUserFixable(() => serveDevSignIn({ issuer: config.auth.issuer, keyFile: config.auth.devIssuerKeyFile, explorerUrls }));
}

/** One subgraph on `/` and `/graphql`, with `/health` and `/ready` (MySQL and Redis). */
export function serveSubgraph<C extends BaseContext>(module: SubgraphModule<C>, runtime: AppRuntime, port: number): Promise<RunningHttpServer> {
  return serveHttp(createSubgraphServer(module, runtime.deps), async (request) =>
    contextFromSignedHeader(module, runtime.deps, header(request.headers[CONTEXT_HEADER])), { port, routes: healthRoutes(() => backingServiceChecks(runtime.deps)) });
}

/**
 * Configuration, a reachable database migrated to the newest version, and demo data when empty.
 * Problems a user can fix end the process with one readable paragraph, not a stack trace.
 */
export async function prepareLocalRuntime(): Promise<{ config: GatewayConfig; runtime: AppRuntime }> {
  const config = configOrExit(loadGatewayConfig);
  await orExitIfUserFixable(() => ensureDatabase(config.databaseUrl));
  const runtime = createAppRuntime(config);
  const { applied } = await migrate(runtime.database.pool, config.app);
  if (applied.length) console.log(`Migrated "${config.app}" to version ${applied.at(-1)}.`);
  if (!(await isSeeded(runtime))) {
    await seedDemo(runtime);
    console.log(`Loaded the demo data into "${config.app}".`);
  }
  return { config, runtime };
}
