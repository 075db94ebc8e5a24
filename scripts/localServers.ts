/** Local HTTP serving for `npm start` and `npm run start:http`: the same gateway and subgraphs as in AWS. */
import { startStandaloneServer } from '@apollo/server/standalone';
import type { Config } from '../runtime/config.js';
import { createAppRuntime, type AppRuntime } from '../runtime/appDeps.js';
import { ensureDatabase } from '../runtime/clients/mysql.js';
import { configOrExit, orExitIfUnreachable } from './cli.js';
import { CONTEXT_HEADER } from '../runtime/signedContext.js';
import { contextFromSignedHeader, createSubgraphServer, type BaseContext, type SubgraphModule } from '../runtime/subgraph.js';
import { migrate } from '../migrations/index.js';
import { isSeeded, seedDemo } from '../seed/demo.js';
import type { Gateway } from '../gateway/server.js';

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export async function serveGateway(gateway: Gateway, port: number): Promise<string> {
  const { url } = await startStandaloneServer(gateway.server, {
    listen: { port, host: '127.0.0.1' },
    context: ({ req }) => gateway.contextFor({ authorization: header(req.headers.authorization), requestId: header(req.headers['x-request-id']) }),
  });
  return url;
}

export async function serveSubgraph<C extends BaseContext>(module: SubgraphModule<C>, runtime: AppRuntime, port: number): Promise<{ url: string; stop(): Promise<void> }> {
  const server = createSubgraphServer(module, runtime.deps);
  const { url } = await startStandaloneServer(server, {
    listen: { port, host: '127.0.0.1' },
    context: async ({ req }) => contextFromSignedHeader(module, runtime.deps, header(req.headers[CONTEXT_HEADER])),
  });
  return { url, stop: () => server.stop() };
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
