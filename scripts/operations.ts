/**
 * Builds operations/manifest.json from the apps' operation documents (operations/<app>/*.graphql),
 * validating each against the supergraph's API schema, and operations/queryPlans.json, the plan of
 * each for the supergraph (gateway/planning/planFile.ts). `--check` fails when either is stale.
 *
 * The manifest is in Apollo's persisted query manifest format (gateway/manifest.ts). Each body is
 * the file's exact text, which the apps send, and its id that text's sha256.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, validate, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { Supergraph } from '@apollo/federation-internals';
import { readSdl } from '../schema/subgraphs.js';
import { MANIFEST_FORMAT, sha256, type ManifestOperation, type PersistedQueryManifest } from '../gateway/manifest.js';
import { buildPlanFile } from '../gateway/planning/planner.js';

const root = new URL('../operations/', import.meta.url);
const apiSchema: GraphQLSchema = Supergraph.build(readSdl('supergraph')).apiSchema().toGraphQLJSSchema();

const manifest: PersistedQueryManifest = { format: MANIFEST_FORMAT, version: 1, operations: [] };
const problems: string[] = [];
const pathByName = new Map<string, string>();
for (const client of readdirSync(root, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort()) {
  for (const file of readdirSync(new URL(`${client}/`, root)).filter((name) => name.endsWith('.graphql')).sort()) {
    const path = join(client, file);
    const body = readFileSync(new URL(path, root), 'utf8');
    const document = parse(body);
    const errors = validate(apiSchema, document);
    if (errors.length) problems.push(...errors.map((error) => `${path}: ${error.message}`));
    const operation = nameAndType(document);
    if (typeof operation === 'string') {
      problems.push(`${path}: ${operation}`);
      continue;
    }
    // Specs, benchmarks and reviewers find an operation by its name.
    const { name, type } = operation;
    const other = pathByName.get(name);
    if (other) problems.push(`${path}: the operation name ${name} is taken by ${other}`);
    pathByName.set(name, path);
    manifest.operations.push({ id: sha256(body), body, name, type });
  }
}
if (problems.length) {
  console.error(`Operations that do not fit the supergraph or the manifest:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}

const supergraphSdl = readSdl('supergraph');
const documents = Object.fromEntries(manifest.operations.map(({ id, body }) => [id, body]));
const outputs = [
  { file: 'manifest.json', text: JSON.stringify(manifest, null, 2) + '\n' },
  // One plan per line: the file is read at every cold start and its diffs stay readable.
  { file: 'queryPlans.json', text: planFileText(buildPlanFile(supergraphSdl, documents)) },
];
const count = manifest.operations.length;
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

/** The name and type of a file's one operation (Apollo's format names each), or what is wrong. */
function nameAndType(document: DocumentNode): Pick<ManifestOperation, 'name' | 'type'> | string {
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1) return `holds ${operations.length} operations; each file holds one`;
  const { name, operation } = operations[0]!;
  if (!name) return 'holds an anonymous operation; name it as the file is named';
  return { name: name.value, type: operation };
}
