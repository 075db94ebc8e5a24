/**
 * The subgraph conformance suite over every hosted subgraph (schema/subgraphs.json), on the demo
 * data, each from its entry beside it (subgraphs/<name>/conformance.ts). A registered subgraph
 * without one fails here.
 */
import { seedDemo } from '../../seed/demo.js';
import { SUBGRAPH_NAMES } from '../../schema/subgraphs.js';
import type { SubgraphModule } from '../../runtime/subgraph/contract.js';
import * as subgraphs from '../../subgraphs/index.js';
import { useTestDatabase } from '../support/harness.js';
import { defineSubgraphSuite, type SubgraphConformance } from './subgraphSuite.js';

const entryOf = async (name: string): Promise<SubgraphConformance> => {
  const file = new URL(`../../subgraphs/${name}/conformance.ts`, import.meta.url);
  const missing = `subgraphs/${name}/conformance.ts must export \`conformance\`: what the suite asks of every hosted subgraph`;
  const { conformance } = (await import(/* @vite-ignore */ file.href).catch((cause: unknown) => Promise.reject(new Error(missing, { cause })))) as { conformance?: SubgraphConformance };
  if (!conformance) throw new Error(missing);
  return conformance;
};
const entries = new Map(await Promise.all(SUBGRAPH_NAMES.map(async (name) => [name, await entryOf(name)] as const)));

const apps = useTestDatabase({
  seed: {
    amal: async (runtime) => {
      await seedDemo(runtime);
      for (const entry of entries.values()) await entry.seed?.(runtime);
    },
  },
});

for (const [name, entry] of entries) defineSubgraphSuite(subgraphs[name] as SubgraphModule<never>, entry, apps);
