/**
 * Composes schema/<subgraph>.graphql into schema/supergraph.graphql with @apollo/composition.
 * `--check` fails when the committed supergraph differs from a fresh composition.
 */
import { writeFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { SUBGRAPH_NAMES } from '../runtime/config.js';
import { localSubgraphUrl, readSdl } from '../schema/subgraphs.js';

const target = new URL('../schema/supergraph.graphql', import.meta.url);
const result = composeServices(
  SUBGRAPH_NAMES.map((name) => ({ name, url: localSubgraphUrl(name), typeDefs: parse(readSdl(name)) })),
);

if (result.errors) {
  console.error(`Composition failed with ${result.errors.length} error(s):`);
  for (const error of result.errors) console.error(`  - ${error.message}`);
  process.exit(1);
}

const supergraph = result.supergraphSdl + '\n';
if (process.argv.includes('--check')) {
  if (readSdl('supergraph') !== supergraph) {
    console.error('schema/supergraph.graphql is stale: run `npm run compose` and commit it.');
    process.exit(1);
  }
  console.log('schema/supergraph.graphql is fresh.');
} else {
  writeFileSync(target, supergraph);
  console.log(`Wrote schema/supergraph.graphql (${SUBGRAPH_NAMES.length} subgraphs).`);
}
for (const hint of result.hints ?? []) console.warn(`hint: ${hint.toString()}`);
