/**
 * Bench server for bench/faults.ts: this gateway (SUBGRAPH_TRANSPORT from the environment) that
 * also prints its live heap after a full collection every 5 s (`heap <bytes>`), so a soak can tell
 * growth from garbage. Run with `node --expose-gc`.
 */
import { loadGatewayConfig } from '../../gateway/config.js';
import { createAppRuntime } from '../../runtime/container/appDeps.js';
import { gatewayFromConfig } from '../../gateway/fromConfig.js';
import { serveGateway } from '../../scripts/localServers.js';

const config = loadGatewayConfig();
const runtime = createAppRuntime(config);
const { url } = await serveGateway(await gatewayFromConfig(config, runtime), config.port, runtime.deps, config.cors);
console.log(`ready ${url}`);

const collect = (globalThis as { gc?: () => void }).gc;
setInterval(() => {
  collect?.();
  console.log(`heap ${process.memoryUsage().heapUsed}`);
}, 5_000).unref();
