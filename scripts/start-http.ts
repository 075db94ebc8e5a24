/** `npm run start:http`: each subgraph as its own HTTP server, and the gateway reaching them over HTTP. */
import { gatewayFromConfig } from '../gateway/fromConfig.js';
import { SUBGRAPH_NAMES } from '../schema/subgraphs.js';
import { localSubgraphPort } from '../schema/subgraphs.js';
import * as subgraphs from '../subgraphs/index.js';
import type { SubgraphModule } from '../runtime/subgraph/contract.js';
import { createEventConsumer } from '../pipeline/consumer.js';
import { orExitIfUserFixable } from './cli.js';
import { prepareLocalRuntime, serveDevSignInFor, serveGateway, serveSubgraph } from './localServers.js';

const { config, runtime } = await prepareLocalRuntime();
for (const name of SUBGRAPH_NAMES) {
  const { url } = await serveSubgraph(subgraphs[name] as SubgraphModule<never>, runtime, localSubgraphPort(name));
  console.log(`Subgraph ${name.padEnd(10)} at ${url}`);
}
const gateway = await orExitIfUserFixable(() => gatewayFromConfig({ ...config, transport: 'http' }, runtime));
const { url } = await serveGateway(gateway, config.port, runtime.deps, config.cors, config.explorerSignIn);
const signIn = await serveDevSignInFor(config, url);
void createEventConsumer(runtime.deps).run(new AbortController().signal);
console.log(`Gateway for "${config.app}" (subgraphs over http) at ${url}\nGet a token: npm run token -- --user 2 --role PARENT${signIn ? `\nExplorer at ${url}explorer, development sign-in at ${signIn.issuer}` : ''}`);
