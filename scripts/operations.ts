/**
 * Builds operations/manifest.json from the apps' operation documents (operations/<app>/*.graphql),
 * validating each against the supergraph's API schema, and operations/queryPlans.json, the plan of
 * each for the supergraph (gateway/planning/planFile.ts). `--check` fails when either is stale.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, validate, type GraphQLSchema } from 'graphql';
import { Supergraph } from '@apollo/federation-internals';
import { readSdl } from '../schema/subgraphs.js';
import { sha256, type OperationManifest } from '../gateway/safelist.js';
import { buildPlanFile } from '../gateway/planning/planner.js';

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

const supergraphSdl = readSdl('supergraph');
const documents = Object.fromEntries(Object.entries(manifest.operations).map(([hash, { document }]) => [hash, document]));
const outputs = [
  { file: 'manifest.json', text: JSON.stringify(manifest, null, 2) + '\n' },
  // One plan per line: the file is read at every cold start and its diffs stay readable.
  { file: 'queryPlans.json', text: planFileText(buildPlanFile(supergraphSdl, documents)) },
];
const count = Object.keys(manifest.operations).length;
for (const { file, text } of outputs) {
  const target = new URL(file, root);
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current !== text) {
      console.error(`operations/${file} is stale: run \`npm run operations\` and commit it.`);
      process.exit(1);
    }
    console.log(`operations/${file} is fresh (${count} operations).`);
  } else {
    writeFileSync(target, text);
    console.log(`Wrote operations/${file} (${count} operations).`);
  }
}

function planFileText({ plans, ...rest }: ReturnType<typeof buildPlanFile>): string {
  const lines = Object.entries(plans).map(([hash, plan]) => `    ${JSON.stringify(hash)}: ${JSON.stringify(plan)}`);
  return `{\n${Object.entries(rest).map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)},\n`).join('')}  "plans": {\n${lines.join(',\n')}\n  }\n}\n`;
}
