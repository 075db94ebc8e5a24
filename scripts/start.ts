/** `npm start`: the whole graph in one process (gateway + all subgraphs in-process) with demo data. */
import { gatewayFromConfig } from '../gateway/fromConfig.js';
import { createEventConsumer } from '../pipeline/consumer.js';
import { orExitIfUserFixable } from './cli.js';
import { prepareLocalRuntime, serveGateway } from './localServers.js';

const { config, runtime } = await prepareLocalRuntime();
const gateway = await orExitIfUserFixable(() => gatewayFromConfig(config, runtime));
const { url, close } = await serveGateway(gateway, config.port, runtime.deps, config.cors);

const consumer = createEventConsumer(runtime.deps);
const stopping = new AbortController();
void consumer.run(stopping.signal);
process.once('SIGINT', () => stopping.abort());
process.once('SIGTERM', () => stopping.abort());
stopping.signal.addEventListener('abort', () => void close().then(() => runtime.close()));

console.log(`
Gateway for "${config.app}" (subgraphs: ${config.transport}) at ${url}
Explorer (GraphiQL) at ${url}explorer: paste an admin token from   npm run token -- --user 1 --role ADMIN
Get a development token, e.g. for the demo parent:   npm run token -- --user 2 --role PARENT
Then: curl -s ${url} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\
        -d '{"query":"{ me { displayName children { displayName mastery activity { streakDays } } } }"}'
`);
