/** Local HTTP serving for `npm start` and `npm run start:http`: the same gateway and subgraphs as in AWS. */
import type { Config } from '../runtime/config.js';
import { createAppRuntime, type AppRuntime } from '../runtime/appDeps.js';
import { ensureDatabase } from '../runtime/clients/mysql.js';
import { configOrExit, orExitIfUnreachable } from './cli.js';
import { CONTEXT_HEADER } from '../runtime/signedContext.js';
import { serveHttp, type RunningHttpServer } from '../runtime/httpServer.js';
import { contextFromSignedHeader, createSubgraphServer, type BaseContext, type SubgraphModule } from '../runtime/subgraph.js';
import { migrate } from '../migrations/index.js';
import { isSeeded, seedDemo } from '../seed/demo.js';
import type { Gateway } from '../gateway/server.js';

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export function serveGateway(gateway: Gateway, port: number): Promise<RunningHttpServer> {
  return serveHttp(gateway.server, (request) =>
    gateway.contextFor({ authorization: header(request.headers.authorization), requestId: header(request.headers['x-request-id']) }), { port });
}

export function serveSubgraph<C extends BaseContext>(module: SubgraphModule<C>, runtime: AppRuntime, port: number): Promise<RunningHttpServer> {
  return serveHttp(createSubgraphServer(module, runtime.deps), async (request) =>
    contextFromSignedHeader(module, runtime.deps, header(request.headers[CONTEXT_HEADER])), { port });
}

/**
 * Configuration, a reachable database migrated to the newest version, and demo data when empty.
 * Problems a user can fix end the process with one readable paragraph, not a stack trace.
 */
export async function prepareLocalRuntime(): Promise<{ config: Config; runtime: AppRuntime }> {
  const config = configOrExit();
  await orExitIfUnreachable(() => ensureDatabase(config.databaseUrl));
  const runtime = createAppRuntime(config);
  const { applied } = await migrate(runtime.database.pool, config.app);
  if (applied.length) console.log(`Migrated "${config.app}" to version ${applied.at(-1)}.`);
  if (!(await isSeeded(runtime))) {
    await seedDemo(runtime);
    console.log(`Loaded the demo data into "${config.app}".`);
  }
  return { config, runtime };
}
