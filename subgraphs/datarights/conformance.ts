/** What the subgraph conformance suite (test/conformance/subgraphSuite.ts) asks of the datarights subgraph, on the demo data. */
import type { SubgraphConformance } from '../../test/conformance/subgraphSuite.js';
import { child } from '../../test/conformance/demo.js';

export const conformance = {
  entities: [],
  signedInOnly: [
    { query: `{ childDataExport(childId: "${child}") { json } }` },
    { query: `mutation { eraseChild(childId: "${child}") { erasureId } }` },
  ],
} satisfies SubgraphConformance;
