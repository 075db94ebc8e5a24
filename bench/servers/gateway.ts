/** Bench servers (b) and (c): this gateway, with the transport SUBGRAPH_TRANSPORT names. */
import { loadGatewayConfig } from '../../gateway/config.js';
import { createAppRuntime } from '../../runtime/container/appDeps.js';
import { gatewayFromConfig } from '../../gateway/fromConfig.js';
import { serveGateway } from '../../scripts/localServers.js';

const config = loadGatewayConfig();
const runtime = createAppRuntime(config);
const { url } = await serveGateway(await gatewayFromConfig(config, runtime), config.port);
console.log(`ready ${url}`);
// A clean exit on SIGTERM, so `--cpu-prof` writes its profile.
process.once('SIGTERM', () => process.exit(0));
