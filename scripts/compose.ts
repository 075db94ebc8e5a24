/**
 * Composes the subgraphs of schema/subgraphs.json into schema/supergraph.graphql with @apollo/composition.
 * `--check` fails when the committed supergraph differs from a fresh composition.
 */
import { writeFileSync } from 'node:fs';
import { composeSupergraph, registeredSubgraphs } from '../schema/compose.js';
import { readSdl } from '../schema/subgraphs.js';

const target = new URL('../schema/supergraph.graphql', import.meta.url);
const subgraphs = registeredSubgraphs();
const result = composeSupergraph(subgraphs);

if (!result.ok) {
  console.error(`Composition failed with ${result.errors.length} error(s):`);
  for (const error of result.errors) console.error(`  - ${error}`);
  process.exit(1);
}

if (process.argv.includes('--check')) {
  if (readSdl('supergraph') !== result.supergraphSdl) {
    console.error('schema/supergraph.graphql is stale: run `npm run compose` and commit it.');
    process.exit(1);
  }
  console.log('schema/supergraph.graphql is fresh.');
} else {
  writeFileSync(target, result.supergraphSdl);
  console.log(`Wrote schema/supergraph.graphql (${subgraphs.length} subgraphs).`);
}
for (const hint of result.hints) console.warn(`hint: ${hint}`);
