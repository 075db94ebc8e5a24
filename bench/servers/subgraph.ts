/** Bench: one subgraph as its own HTTP process (`tsx bench/servers/subgraph.ts <name>`). */
import { loadConfig } from '../../runtime/config.js';
import { createAppRuntime } from '../../runtime/subgraph/appDeps.js';
import type { SubgraphModule } from '../../runtime/subgraph/contract.js';
import * as subgraphs from '../../subgraphs/index.js';
import { serveSubgraph } from '../../scripts/localServers.js';

const config = loadConfig();
const module = (subgraphs as unknown as Record<string, SubgraphModule<never>>)[process.argv[2] ?? ''];
if (!module) throw new Error(`Unknown subgraph "${process.argv[2]}"`);
const { url } = await serveSubgraph(module, createAppRuntime(config), config.port);
console.log(`ready ${url}`);
