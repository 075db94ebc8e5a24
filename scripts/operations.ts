/**
 * Builds operations/manifest.json from the apps' operation documents (operations/<app>/*.graphql),
 * validating each against the supergraph's API schema. `--check` fails when the manifest is stale.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, validate, type GraphQLSchema } from 'graphql';
import { Supergraph } from '@apollo/federation-internals';
import { readSdl } from '../schema/subgraphs.js';
import { sha256, type OperationManifest } from '../gateway/safelist.js';

const root = new URL('../operations/', import.meta.url);
const apiSchema: GraphQLSchema = Supergraph.build(readSdl('supergraph')).apiSchema().toGraphQLJSSchema();

const manifest: OperationManifest = { operations: {} };
const problems: string[] = [];
for (const client of readdirSync(root, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort()) {
  for (const file of readdirSync(new URL(`${client}/`, root)).filter((name) => name.endsWith('.graphql')).sort()) {
    const path = join(client, file);
    const document = readFileSync(new URL(path, root), 'utf8');
    const errors = validate(apiSchema, parse(document));
    if (errors.length) problems.push(...errors.map((error) => `${path}: ${error.message}`));
    manifest.operations[sha256(document)] = { name: `${client}/${file.replace(/\.graphql$/, '')}`, document };
  }
}
if (problems.length) {
  console.error(`Operations that do not fit the supergraph:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}

const text = JSON.stringify(manifest, null, 2) + '\n';
const target = new URL('manifest.json', root);
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing counts as stale
  }
  if (current !== text) {
    console.error('operations/manifest.json is stale: run `npm run operations` and commit it.');
    process.exit(1);
  }
  console.log(`operations/manifest.json is fresh (${Object.keys(manifest.operations).length} operations).`);
} else {
  writeFileSync(target, text);
  console.log(`Wrote operations/manifest.json (${Object.keys(manifest.operations).length} operations).`);
}
