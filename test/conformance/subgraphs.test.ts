/** The subgraph conformance suite over every hosted subgraph (schema/subgraphs.json), on the demo data. */
import { seedDemo } from '../../seed/demo.js';
import { SUBGRAPH_NAMES } from '../../schema/subgraphs.js';
import type { SubgraphModule } from '../../runtime/subgraph/contract.js';
import * as subgraphs from '../../subgraphs/index.js';
import { useTestDatabase } from '../support/harness.js';
import { defineSubgraphSuite, type SubgraphConformance } from './subgraphSuite.js';
import { SUBGRAPH_CONFORMANCE } from './subgraphs.js';

const conformance = (name: (typeof SUBGRAPH_NAMES)[number]): SubgraphConformance => SUBGRAPH_CONFORMANCE[name];

const apps = useTestDatabase({
  seed: {
    amal: async (runtime) => {
      await seedDemo(runtime);
      for (const name of SUBGRAPH_NAMES) await conformance(name).seed?.(runtime);
    },
  },
});

for (const name of SUBGRAPH_NAMES) defineSubgraphSuite(subgraphs[name] as SubgraphModule<never>, conformance(name), apps);
