/**
 * Composes the subgraphs of schema/subgraphs.json into schema/supergraph.graphql with @apollo/composition,
 * and writes each hosted subgraph's federated SDL, schema/<name>.federated.graphql (schema/federated.ts).
 * `--check` fails when a committed file differs from a fresh one.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { composeSupergraph, federatedSdlOf, registeredSubgraphs } from '../schema/compose.js';
import { readSdl, SUBGRAPH_NAMES } from '../schema/subgraphs.js';
import { federatedSdlFile } from '../schema/federated.js';

const target = new URL('../schema/supergraph.graphql', import.meta.url);
const subgraphs = registeredSubgraphs();
const result = composeSupergraph(subgraphs);

if (!result.ok) {
  console.error(`Composition failed with ${result.errors.length} error(s):`);
  for (const error of result.errors) console.error(`  - ${error}`);
  process.exit(1);
}

const federated = SUBGRAPH_NAMES.map((name) => ({ file: `${name}.federated.graphql`, text: federatedSdlFile(name, readSdl(name), federatedSdlOf(readSdl(name))) }));
const read = (file: string) => {
  try {
    return readFileSync(new URL(`../schema/${file}`, import.meta.url), 'utf8');
  } catch {
    return ''; // missing counts as stale
  }
};

if (process.argv.includes('--check')) {
  if (readSdl('supergraph') !== result.supergraphSdl) {
    console.error('schema/supergraph.graphql is stale: run `npm run compose` and commit it.');
    process.exit(1);
  }
  const stale = federated.filter(({ file, text }) => read(file) !== text).map(({ file }) => `schema/${file}`);
  if (stale.length) {
    console.error(`${stale.join(', ')} ${stale.length === 1 ? 'is' : 'are'} stale: run \`npm run compose\` and commit.`);
    process.exit(1);
  }
  console.log('schema/supergraph.graphql and the federated SDLs are fresh.');
} else {
  writeFileSync(target, result.supergraphSdl);
  for (const { file, text } of federated) writeFileSync(new URL(`../schema/${file}`, import.meta.url), text);
  console.log(`Wrote schema/supergraph.graphql (${subgraphs.length} subgraphs) and ${federated.length} federated SDLs.`);
}
for (const hint of result.hints) console.warn(`hint: ${hint}`);
