/**
 * `npm run gateway -- --supergraph <file> [--port <n>]`: this gateway over any composed supergraph,
 * each subgraph reached over HTTP at the URL the supergraph names (docs/EXTENDING.md). The other
 * settings are the environment's, as for `npm start`; no database is needed.
 */
import { parseArgs } from 'node:util';
import { loadGatewayConfig } from '../gateway/config.js';
import { gatewayOverSupergraph } from '../gateway/fromConfig.js';
import { createRedisClient } from '../runtime/clients/redis.js';
import { createLogger } from '../runtime/observability/logger.js';
import { configOrExit, exitWith, orExitIfUserFixable } from './cli.js';
import { serveGateway } from './localServers.js';

const USAGE = 'Usage: npm run gateway -- --supergraph <file> [--port <n>]';

function gatewayArguments(args: string[]): { supergraph: string; port: string | undefined } {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { supergraph: { type: 'string' }, port: { type: 'string' } } }));
  } catch (error) {
    exitWith(`${(error as Error).message}\n${USAGE}`);
  }
  if (!values.supergraph) exitWith(USAGE);
  return { supergraph: values.supergraph, port: values.port };
}

const { supergraph, port } = gatewayArguments(process.argv.slice(2));
const config = configOrExit(() => loadGatewayConfig({ ...process.env, SUPERGRAPH_FILE: supergraph, ...(port !== undefined && { PORT: port }) }));
const logger = createLogger(config.logLevel, { app: config.app });
const redis = createRedisClient(config.redisUrl, logger, { commandTimeoutMs: config.redisCommandTimeoutMs });
const gateway = await orExitIfUserFixable(() => gatewayOverSupergraph(config, { redis, logger }));
const { url, close } = await serveGateway(gateway, config.port, { redis }, config.cors).catch((error: unknown) => {
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') exitWith(`Port ${config.port} is in use: choose another with --port <n>.`);
  // The file parsed and names its subgraphs, but Apollo Gateway cannot build a schema or plans from it.
  exitWith(`Apollo Gateway cannot serve the supergraph at ${supergraph} (${(error as Error).message.split('\n').filter(Boolean).slice(0, 2).join(' ')}). Compose it again with @apollo/composition or \`rover supergraph compose\`.`);
});
const stop = () => void close().then(() => redis.disconnect());
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
console.log(`Gateway over ${supergraph} at ${url}`);
