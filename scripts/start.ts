/** `npm start`: the whole graph in one process (gateway + all subgraphs in-process) with demo data. */
import { gatewayFromConfig } from '../gateway/fromConfig.js';
import { createEventConsumer } from '../pipeline/consumer.js';
import { orExitIfUserFixable } from './cli.js';
import { prepareLocalRuntime, serveDevSignInFor, serveGateway } from './localServers.js';
import { DEMO_PASSWORD } from './devSignIn/accounts.js';

const { config, runtime } = await prepareLocalRuntime();
const gateway = await orExitIfUserFixable(() => gatewayFromConfig(config, runtime));
const { url, close } = await serveGateway(gateway, config.port, runtime.deps, config.cors, config.explorerSignIn);
const signIn = await serveDevSignInFor(config, url);

const consumer = createEventConsumer(runtime.deps);
const stopping = new AbortController();
void consumer.run(stopping.signal);
process.once('SIGINT', () => stopping.abort());
process.once('SIGTERM', () => stopping.abort());
stopping.signal.addEventListener('abort', () => void Promise.all([close(), signIn?.close()]).then(() => runtime.close()));

const explorerHow = signIn
  ? `Sign in as the demo admin: username admin, password ${DEMO_PASSWORD} (development sign-in at ${signIn.issuer})`
  : 'paste an admin token from   npm run token -- --user 1 --role ADMIN';
console.log(`
Gateway for "${config.app}" (subgraphs: ${config.transport}) at ${url}
Explorer (GraphiQL) at ${url}explorer: ${explorerHow}
Get a development token, e.g. for the demo parent:   npm run token -- --user 2 --role PARENT
Then: curl -s ${url} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\
        -d '{"query":"{ me { displayName children { displayName mastery activity { streakDays } } } }"}'
`);
